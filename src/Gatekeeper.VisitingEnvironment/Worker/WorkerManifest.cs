using Gatekeeper.VisitingEnvironment.Queries;

namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>
/// <c>run.json</c>, the last file the worker writes: how the run ended, the result tables, timings and the sanitised
/// log (messages written by the worker's code; DuckDB messages with data values masked).
/// </summary>
public sealed record WorkerManifest
{
    public const string FileName = "run.json";

    public required string RunId { get; init; }

    public required WorkerStatus Status { get; init; }

    /// <summary>Why the run was refused or failed, for the researcher (no data values).</summary>
    public string? Message { get; init; }

    public IReadOnlyList<QueryProblem> Problems { get; init; } = [];

    public IReadOnlyList<WorkerTableResult> Tables { get; init; } = [];

    /// <summary>Milliseconds per phase (<c>start</c>, <c>open</c>, <c>views</c>, <c>validate</c>, <c>query</c>, <c>shadow</c>, <c>write</c>, <c>total</c>).</summary>
    public IReadOnlyDictionary<string, double> TimingsMs { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<string> Log { get; init; } = [];

    public string DuckDbVersion { get; init; } = "";
}
