using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;

namespace Gatekeeper.Testing;

/// <summary>
/// A full permit's life written to the log the way the pipeline writes it: an application submitted, returned,
/// revised and approved; a permit; runs (one refused); automated checks (one failed); checkers' decisions (one
/// block); a release of two outputs; downloads; budget spent. Plus a second application decided late, a third never
/// decided, sign-ins, and noise before the period. Shared by the audit store tests and the console's page tests. The outputs' data values are kept here and must never reach the log.
/// </summary>
public static class PermitScenario
{
    public const string Reference = "GK-2026-0042";
    public const string LateReference = "GK-2026-0077";
    public const string OpenReference = "GK-2026-0099";
    public const string Permit = "P-42";
    public const string OtherPermit = "P-77";
    public const string VersionOne = "6b1f0c9e-0001-4000-8000-000000000042";
    public const string VersionTwo = "6b1f0c9e-0002-4000-8000-000000000042";
    public const int NoiseEntries = 150;

    public static readonly AuditActor Sato = new("u-sato", "researcher", "org-tokyo-univ", "10.0.0.5");
    public static readonly AuditActor Tanaka = new("u-tanaka", "researcher", "org-tokyo-univ", "10.0.0.6");
    public static readonly AuditActor Suzuki = new("u-suzuki", "researcher", "org-osaka-lab", "10.0.0.7");
    public static readonly AuditActor Reviewer = new("u-ito", "elsi-reviewer", "org-gatekeeper", "10.0.1.1");
    public static readonly AuditActor Chair = new("u-kato", "elsi-chair", "org-gatekeeper", "10.0.1.2");
    public static readonly AuditActor Checker = new("u-yamada", "output-checker", "org-gatekeeper", "10.0.1.3");

    /// <summary>What the runs computed (inside the enclave); the log must hold none of it.</summary>
    public static readonly IReadOnlyList<string> DataValues = ["HbA1c", "6.99", "6.43", "PSN-9f2c", "mild-diabetes:662"];

    public static readonly string QueryHash = new('d', 64);
    public static readonly string PolicyHash = new('e', 64);

    /// <summary>Writes the scenario from the store's clock (returned: the scenario's start), and leaves the clock 101 days later.</summary>
    public static async Task<DateTimeOffset> WriteAsync(TestStore store)
    {
        var trail = store.Get<AuditTrail>();
        var t0 = store.Time.GetUtcNow();
        async Task At(TimeSpan offset, AuditRecord record) => await trail.RecordAsync(record with { At = t0 + offset }, default);
        var d = TimeSpan.FromDays(1);
        var h = TimeSpan.FromHours(1);

        for (var i = 0; i < NoiseEntries; i++)
            await At(-d + TimeSpan.FromSeconds(i), new AuditRecord { At = default, ActorId = "noise", Action = "test.noise" });

        await At(TimeSpan.Zero, App(Sato, AuditActions.ApplicationCreated, VersionOne, Reference, 1));
        await At(h, App(Sato, AuditActions.ApplicationSubmitted, VersionOne, Reference, 1));
        await At(2 * h, App(Suzuki, AuditActions.ApplicationSubmitted, "late-v1", LateReference, 1));
        await At(3 * h, App(Tanaka, AuditActions.ApplicationSubmitted, "open-v1", OpenReference, 1));
        await At(4 * h, new AuditRecord { At = default, ActorId = Sato.Id, Action = AuditActions.SignedIn, SubjectType = "user", SubjectIds = [Sato.Id], Reason = "password+totp" });
        await At(5 * h, new AuditRecord { At = default, ActorId = Sato.Id, Action = AuditActions.SignInFailed, SubjectType = "user", SubjectIds = [Sato.Id], Outcome = AuditOutcome.Refused, Reason = "wrong-password" });
        await At(10 * d, AuditRecords.ReviewDecision(default, Reviewer, "rev-1", VersionOne, Reference, ReviewDecisionCodes.Returned, "justification-unclear"));
        await At(12 * d, App(Sato, AuditActions.ApplicationRevisionCreated, VersionTwo, Reference, 2));
        await At(13 * d, App(Sato, AuditActions.ApplicationSubmitted, VersionTwo, Reference, 2));
        await At(13 * d, App(Sato, AuditActions.ApplicationSuperseded, VersionOne, Reference, 1));
        await At(40 * d, AuditRecords.ReviewDecision(default, Chair, "rev-2", VersionTwo, Reference, ReviewDecisionCodes.Approved));
        await At(40 * d + h, AuditRecords.PermitIssued(default, Chair, Permit, VersionTwo, Reference));

        await At(41 * d, AuditRecords.RunRequested(default, Sato, "R-1", Permit, QueryHash));
        await At(41 * d + h, AuditRecords.RunCompleted(default, AuditActor.System, "R-1", Permit));
        await At(41 * d + h, AuditRecords.CheckResult(default, AuditActor.System, "O-1", "R-1", Permit, passed: true, null, PolicyHash));
        await At(41 * d + h, AuditRecords.CheckResult(default, AuditActor.System, "O-2", "R-1", Permit, passed: false, "min-count,dominance", PolicyHash));
        await At(41 * d + h, AuditRecords.BudgetSpent(default, AuditActor.System, Permit, "R-1", 0.5));
        await At(42 * d, AuditRecords.RunRequested(default, Sato, "R-2", Permit, new string('f', 64)));
        await At(42 * d, AuditRecords.RunRefused(default, AuditActor.System, "R-2", Permit, "variable-not-permitted", new string('f', 64)));
        await At(42 * d + h, AuditRecords.RunRequested(default, Tanaka, "R-3", Permit, QueryHash));
        await At(42 * d + 2 * h, AuditRecords.RunCompleted(default, AuditActor.System, "R-3", Permit));
        await At(42 * d + 2 * h, AuditRecords.CheckResult(default, AuditActor.System, "O-3", "R-3", Permit, passed: true, null, PolicyHash));
        await At(42 * d + 2 * h, AuditRecords.BudgetSpent(default, AuditActor.System, Permit, "R-3", 0.25));
        await At(43 * d, AuditRecords.OutputDecision(default, Checker, "O-1", "R-1", Permit, OutputDecisions.Release));
        await At(43 * d, AuditRecords.OutputDecision(default, Checker, "O-2", "R-1", Permit, OutputDecisions.Block, "small cells remain"));
        await At(43 * d, AuditRecords.OutputDecision(default, Checker, "O-3", "R-3", Permit, OutputDecisions.Release));
        await At(44 * d, AuditRecords.ReleaseCreated(default, Checker, "REL-1", ["O-1", "O-3"], Permit));
        await At(44 * d + h, AuditRecords.ReleaseDownloaded(default, Sato, "REL-1", Permit, 2, 4096));
        await At(45 * d, AuditRecords.ReleaseDownloaded(default, Sato, "REL-1", Permit, 2, 4096));

        await At(100 * d, AuditRecords.ReviewDecision(default, Chair, "rev-3", "late-v1", LateReference, ReviewDecisionCodes.Approved));
        await At(100 * d + h, AuditRecords.PermitIssued(default, Chair, OtherPermit, "late-v1", LateReference));
        await At(100 * d + 2 * h, AuditRecords.RunRequested(default, Suzuki, "R-9", OtherPermit, new string('9', 64)));
        await At(100 * d + 3 * h, AuditRecords.RunCompleted(default, AuditActor.System, "R-9", OtherPermit));
        store.Time.Advance(101 * d);
        return t0;
    }

    private static AuditRecord App(AuditActor actor, string action, string versionId, string reference, int version) => new()
    {
        At = default, ActorId = actor.Id, ActorRole = actor.Role, OrganisationId = actor.OrganisationId, ClientAddress = actor.ClientAddress,
        Action = action, SubjectType = AuditSubjectTypes.Application, SubjectIds = [versionId, reference, $"v{version}"],
    };
}
