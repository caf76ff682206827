namespace Gatekeeper.Domain.Runs;

/// <summary>
/// One researcher's run of SQL under a data permit, persisted as a job: who asked, what, under which permit, where it
/// is (<see cref="State"/>, <see cref="Phase"/>, <see cref="Progress"/>), when, how it ended (<see cref="Message"/> for
/// the researcher, never data values), and the lease a worker holds while it executes. Each execution attempt gets
/// its own <see cref="ExecutionId"/> (the visiting environment never runs one id twice).
/// </summary>
public sealed class QueryRun
{
    /// <summary>Queued runs longer than this are refused (the editor's limit).</summary>
    public const int MaxQueryLength = 20_000;

    public const int MaxMessageLength = 4000;

    private QueryRun()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Short human number, e.g. R-7F3K9Q2A.</summary>
    public string Number { get; private set; } = "";

    public Guid PermitId { get; private set; }

    public string PermitNumber { get; private set; } = "";

    public string DatasetId { get; private set; } = "";

    public string RequesterId { get; private set; } = "";

    public string RequesterName { get; private set; } = "";

    public string RequesterOrganisationId { get; private set; } = "";

    public string? RequesterRole { get; private set; }

    public string Query { get; private set; } = "";

    /// <summary>SHA-256 (hex) of the normalised query (literals, whitespace and case folded): the audit's queryHash.</summary>
    public string QueryHash { get; private set; } = "";

    public RunState State { get; set; }

    public string Phase { get; set; } = RunPhases.Queued;

    public int Progress { get; set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>What the researcher is told: the refusal or failure reason (no data values).</summary>
    public string? Message { get; set; }

    /// <summary>Rule code of a refusal or failure (e.g. <c>permit-expired</c>, <c>wall-clock</c>).</summary>
    public string? ReasonCode { get; set; }

    /// <summary>1 for the first execution; 2 when it was requeued once after the host died while it ran.</summary>
    public int Attempt { get; set; }

    /// <summary>The visiting environment's run id of the current attempt (a folder name): "&lt;id&gt;-a&lt;attempt&gt;".</summary>
    public string? ExecutionId { get; set; }

    /// <summary>Random token of the worker holding the run; every write by that worker names it.</summary>
    public Guid? LeaseToken { get; set; }

    /// <summary>Which host process holds the lease (for operators).</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset? CancelRequestedAt { get; set; }

    /// <summary>Total milliseconds of the execution (host view), when it ran.</summary>
    public long? DurationMs { get; set; }

    /// <summary>Result tables written to the airlock (0 unless succeeded).</summary>
    public int OutputTables { get; set; }

    /// <summary>The run's quarantine folder, relative to the data folder (e.g. <c>airlock/&lt;id&gt;</c>), when it succeeded.</summary>
    public string? AirlockFolder { get; set; }

    /// <summary>SHA-256 of the airlock manifest (query, permit, policy, timings, log).</summary>
    public string? ManifestSha256 { get; set; }

    /// <summary>The disclosure policy the output will be checked under ("id version", SHA-256 in the manifest).</summary>
    public string? PolicyVersion { get; set; }

    public string? SandboxMode { get; set; }

    public Guid ConcurrencyStamp { get; set; }

    public bool IsFinal => State is RunState.Succeeded or RunState.Failed or RunState.Refused or RunState.Cancelled;

    /// <summary>A new run request, queued or (when <paramref name="refusal"/> is set) refused at once.</summary>
    public static QueryRun Request(
        Guid permitId, string permitNumber, string datasetId, string requesterId, string requesterName, string requesterOrganisationId, string? requesterRole,
        string query, string queryHash, DateTimeOffset now, (string Code, string Message)? refusal = null)
    {
        var id = Guid.NewGuid();
        var run = new QueryRun
        {
            Id = id,
            Number = "R-" + id.ToString("N")[..8].ToUpperInvariant(),
            PermitId = permitId,
            PermitNumber = permitNumber,
            DatasetId = datasetId,
            RequesterId = requesterId,
            RequesterName = requesterName,
            RequesterOrganisationId = requesterOrganisationId,
            RequesterRole = requesterRole,
            Query = query,
            QueryHash = queryHash,
            RequestedAt = now,
            State = RunState.Queued,
            Phase = RunPhases.Queued,
            ConcurrencyStamp = Guid.NewGuid(),
        };
        if (refusal is { } r) run.Finish(RunState.Refused, r.Code, r.Message, now);
        return run;
    }

    /// <summary>Ends the run (final state), releasing its lease.</summary>
    public void Finish(RunState state, string? reasonCode, string? message, DateTimeOffset now)
    {
        if (state is RunState.Queued or RunState.Running) throw new ArgumentOutOfRangeException(nameof(state), state, "Not a final state.");
        State = state;
        ReasonCode = reasonCode;
        Message = message is { Length: > MaxMessageLength } ? message[..MaxMessageLength] : message;
        FinishedAt = now;
        Phase = RunPhases.Done;
        Progress = 100;
        LeaseToken = null;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        ConcurrencyStamp = Guid.NewGuid();
    }

    public static string ExecutionIdFor(Guid id, int attempt) => $"{id:N}-a{attempt}";
}
