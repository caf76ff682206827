namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>The limits the worker enforces itself (the sandbox adds hard limits on time, memory, CPU and file size).</summary>
/// <param name="Threads">DuckDB threads.</param>
/// <param name="MemoryLimitMb">DuckDB's memory_limit; DuckDB refuses a query needing more (no spilling to disk).</param>
/// <param name="MaxOutputRows">Rows per result table.</param>
/// <param name="MaxOutputBytes">Bytes of all result files together.</param>
public sealed record WorkerLimits(int Threads, int MemoryLimitMb, long MaxOutputRows, long MaxOutputBytes);
