namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>Where a run's time went.</summary>
/// <param name="Prepare">Host: resolving tables, consent and pseudonyms, writing the spec.</param>
/// <param name="Worker">Host: the worker process from start to exit (sandbox set-up included).</param>
/// <param name="Read">Host: reading the results back (DataFrames, shadow statistics).</param>
/// <param name="Total">Host: the whole call.</param>
/// <param name="WorkerPhases">The worker's own phases in milliseconds (start, open, validate, views, query, result, shadow, write, total);
/// "start" is process start to engine for a worker started for the run, receipt of the run to engine for a warm one.</param>
/// <param name="Stop">Host: from the worker reporting it was done to the process being gone (part of <paramref name="Worker"/>).</param>
public sealed record RunTimings(TimeSpan Prepare, TimeSpan Worker, TimeSpan Read, TimeSpan Total, IReadOnlyDictionary<string, double> WorkerPhases, TimeSpan Stop = default);
