using Gatekeeper.VisitingEnvironment.Queries;
using Gatekeeper.VisitingEnvironment.Sandbox;

namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>
/// What a run produced: its status, the message for the researcher (refusal or failure reason, no data values),
/// the result tables and shadow statistics (aggregate tier) now in the airlock folder, timings and the worker's
/// sanitised log. Refused, killed, failed and cancelled runs leave no result files behind.
/// </summary>
public sealed record RunOutcome
{
    public required string RunId { get; init; }

    public required RunStatus Status { get; init; }

    public string? Message { get; init; }

    public RunStopReason StopReason { get; init; } = RunStopReason.None;

    /// <summary>The rules the query broke (refusals by validation).</summary>
    public IReadOnlyList<QueryProblem> Problems { get; init; } = [];

    public IReadOnlyList<RunResultTable> Tables { get; init; } = [];

    public required RunTimings Timings { get; init; }

    /// <summary>The worker's sanitised log, then the host's own lines.</summary>
    public IReadOnlyList<string> Log { get; init; } = [];

    public required SandboxMode SandboxMode { get; init; }

    /// <summary>The run's airlock folder (quarantine): results, shadow statistics, run.json; null when nothing was kept.</summary>
    public string? OutputFolder { get; init; }

    /// <summary>The table versions the run read (table → version), for the airlock record.</summary>
    public IReadOnlyDictionary<string, string> TableVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>Persons visible to the run after the consent filter, and persons left out by it.</summary>
    public int IncludedPersons { get; init; }

    public int ExcludedPersons { get; init; }

    /// <summary>For a DP run: released or cached, the charge and the ledger's message (also set on a refusal for lack of budget).</summary>
    public Privacy.DpRunInfo? DifferentialPrivacy { get; init; }

    public bool Succeeded => Status == RunStatus.Succeeded;
}
