namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>A result column: name and DuckDB type as written to the Parquet file.</summary>
public sealed record WorkerColumn(string Name, string Type);
