using System.Globalization;

namespace Gatekeeper.Audit;

/// <summary>
/// Builds the records of the permit pipeline with the subject ids and details the console's lineage view,
/// dashboards and alerts rely on. Subject ids run from the entry's own subject up to its permit.
/// </summary>
public static class AuditRecords
{
    /// <summary>A review or board decision on an application version.</summary>
    public static AuditRecord ReviewDecision(DateTimeOffset at, AuditActor actor, string reviewId, string applicationVersionId, string applicationReference, string decision, string? reason = null) =>
        Make(at, actor, AuditActions.ReviewDecision, AuditSubjectTypes.Review, [reviewId, applicationVersionId, applicationReference], AuditOutcome.Succeeded, reason,
            (AuditDetailKeys.Application, applicationReference), (AuditDetailKeys.Decision, decision));

    public static AuditRecord PermitIssued(DateTimeOffset at, AuditActor actor, string permitId, string applicationVersionId, string applicationReference, string? reason = null) =>
        Make(at, actor, AuditActions.PermitIssued, AuditSubjectTypes.Permit, [permitId, applicationVersionId, applicationReference], AuditOutcome.Succeeded, reason,
            (AuditDetailKeys.Application, applicationReference), (AuditDetailKeys.Permit, permitId));

    public static AuditRecord PermitRevoked(DateTimeOffset at, AuditActor actor, string permitId, string applicationReference, string reason) =>
        Make(at, actor, AuditActions.PermitRevoked, AuditSubjectTypes.Permit, [permitId, applicationReference], AuditOutcome.Succeeded, reason,
            (AuditDetailKeys.Application, applicationReference), (AuditDetailKeys.Permit, permitId));

    /// <param name="queryHash">SHA-256 (hex) of the normalised query, so near-identical queries can be told apart from distinct ones.</param>
    public static AuditRecord RunRequested(DateTimeOffset at, AuditActor actor, string runId, string permitId, string queryHash) =>
        Make(at, actor, AuditActions.RunRequested, AuditSubjectTypes.Run, [runId, permitId], AuditOutcome.Succeeded, null,
            (AuditDetailKeys.Permit, permitId), (AuditDetailKeys.QueryHash, queryHash));

    /// <param name="reason">Rule code(s), e.g. <c>permit-expired</c>, <c>budget-exhausted</c>, <c>variable-not-permitted</c>.</param>
    public static AuditRecord RunRefused(DateTimeOffset at, AuditActor actor, string runId, string permitId, string reason, string? queryHash = null) =>
        Make(at, actor, AuditActions.RunRefused, AuditSubjectTypes.Run, [runId, permitId], AuditOutcome.Refused, reason,
            (AuditDetailKeys.Permit, permitId), (AuditDetailKeys.QueryHash, queryHash));

    /// <param name="succeeded">False when the run failed technically (reason says why).</param>
    public static AuditRecord RunCompleted(DateTimeOffset at, AuditActor actor, string runId, string permitId, bool succeeded = true, string? reason = null) =>
        Make(at, actor, AuditActions.RunCompleted, AuditSubjectTypes.Run, [runId, permitId], succeeded ? AuditOutcome.Succeeded : AuditOutcome.Failed, reason,
            (AuditDetailKeys.Permit, permitId));

    /// <param name="passed">Whether the output passed every rule; when not, <paramref name="ruleCodes"/> names the failed rules.</param>
    public static AuditRecord CheckResult(DateTimeOffset at, AuditActor actor, string outputId, string runId, string permitId, bool passed, string? ruleCodes, string policySha256) =>
        Make(at, actor, AuditActions.CheckResult, AuditSubjectTypes.Output, [outputId, runId, permitId], passed ? AuditOutcome.Succeeded : AuditOutcome.Refused, ruleCodes,
            (AuditDetailKeys.Permit, permitId), (AuditDetailKeys.Run, runId), (AuditDetailKeys.PolicySha256, policySha256));

    /// <param name="decision">One of <see cref="OutputDecisions"/>.</param>
    public static AuditRecord OutputDecision(DateTimeOffset at, AuditActor actor, string outputId, string runId, string permitId, string decision, string? reason = null) =>
        Make(at, actor, AuditActions.OutputDecision, AuditSubjectTypes.Output, [outputId, runId, permitId], AuditOutcome.Succeeded, reason,
            (AuditDetailKeys.Permit, permitId), (AuditDetailKeys.Run, runId), (AuditDetailKeys.Decision, decision));

    public static AuditRecord ReleaseCreated(DateTimeOffset at, AuditActor actor, string releaseId, IReadOnlyList<string> outputIds, string permitId) =>
        Make(at, actor, AuditActions.ReleaseCreated, AuditSubjectTypes.Release, [releaseId, .. outputIds, permitId], AuditOutcome.Succeeded, null,
            (AuditDetailKeys.Permit, permitId), (AuditDetailKeys.Files, outputIds.Count.ToString(CultureInfo.InvariantCulture)));

    public static AuditRecord ReleaseDownloaded(DateTimeOffset at, AuditActor actor, string releaseId, string permitId, int files, long bytes) =>
        Make(at, actor, AuditActions.ReleaseDownloaded, AuditSubjectTypes.Release, [releaseId, permitId], AuditOutcome.Succeeded, null,
            (AuditDetailKeys.Permit, permitId), (AuditDetailKeys.Files, files.ToString(CultureInfo.InvariantCulture)), (AuditDetailKeys.Bytes, bytes.ToString(CultureInfo.InvariantCulture)));

    public static AuditRecord BudgetSpent(DateTimeOffset at, AuditActor actor, string permitId, string? runId, double epsilon, double? delta = null) =>
        Make(at, actor, AuditActions.BudgetSpent, AuditSubjectTypes.Permit, runId is null ? [permitId] : [permitId, runId], AuditOutcome.Succeeded, null,
            (AuditDetailKeys.Permit, permitId), (AuditDetailKeys.Run, runId),
            (AuditDetailKeys.Epsilon, epsilon.ToString("R", CultureInfo.InvariantCulture)),
            (AuditDetailKeys.Delta, delta?.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>
    /// One import attempt of a holder's file into a dataset (subject ids: dataset id, import id). Outcome Succeeded for
    /// committed or already imported files, Refused for files refused by validation, Failed for system errors.
    /// Details carry the file's SHA-256, the table and row counts; never a file name or a value of the file.
    /// </summary>
    public static AuditRecord DatasetImported(DateTimeOffset at, AuditActor actor, string datasetId, string importId, string sha256, string? table, string outcome, long rows, long rejected, string? reason = null) =>
        Make(at, actor, AuditActions.DatasetImported, AuditSubjectTypes.Dataset, [datasetId, importId],
            outcome switch { "committed" or "already-imported" => AuditOutcome.Succeeded, "refused" => AuditOutcome.Refused, _ => AuditOutcome.Failed }, reason,
            (AuditDetailKeys.Sha256, sha256), (AuditDetailKeys.Table, table), (AuditDetailKeys.Decision, outcome),
            (AuditDetailKeys.Rows, rows.ToString(CultureInfo.InvariantCulture)), (AuditDetailKeys.Rejected, rejected.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// Consent decisions added to a dataset's registry (subject ids: dataset id, then the import id or the event id).
    /// <paramref name="sha256"/> identifies what was added (the imported file, or the recorded event's content); the
    /// person's identifier or pseudonym is never part of the entry.
    /// </summary>
    public static AuditRecord ConsentChanged(DateTimeOffset at, AuditActor actor, string datasetId, string sourceId, string sha256, int events, string? decision = null, string? purpose = null) =>
        Make(at, actor, AuditActions.ConsentChanged, AuditSubjectTypes.Dataset, [datasetId, sourceId], AuditOutcome.Succeeded, null,
            (AuditDetailKeys.Sha256, sha256), (AuditDetailKeys.Rows, events.ToString(CultureInfo.InvariantCulture)),
            (AuditDetailKeys.Decision, decision), (AuditDetailKeys.Purpose, purpose));

    /// <summary>A reason longer than the log keeps (a chair's grounds may be longer) is cut, marked with an ellipsis.</summary>
    private static string? Fit(string? reason) =>
        reason is { Length: > AuditRecordRules.MaxReasonLength } ? reason[..(AuditRecordRules.MaxReasonLength - 1)] + "…" : reason;

    private static AuditRecord Make(DateTimeOffset at, AuditActor actor, string action, string subjectType, IReadOnlyList<string> subjectIds, AuditOutcome outcome, string? reason, params (string Key, string? Value)[] details)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in details)
        {
            if (value is not null) map[key] = value;
        }

        return new AuditRecord
        {
            At = at, ActorId = actor.Id, ActorRole = actor.Role, OrganisationId = actor.OrganisationId, ClientAddress = actor.ClientAddress,
            Action = action, SubjectType = subjectType, SubjectIds = subjectIds, Outcome = outcome, Reason = Fit(reason),
            Details = map.Count == 0 ? null : map,
        };
    }
}
