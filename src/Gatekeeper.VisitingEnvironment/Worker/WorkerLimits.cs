namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>
/// The limits of a run as the worker sees them. It enforces the memory limit (DuckDB) and the output limits itself.
/// The kernel limits are set from outside on a worker started for the run (prlimit); a worker started ahead of time
/// (warm) lowers its own to these values before it reads any data — lowering is one-way.
/// </summary>
/// <param name="Threads">DuckDB threads.</param>
/// <param name="MemoryLimitMb">DuckDB's memory_limit; DuckDB refuses a query needing more (no spilling to disk).</param>
/// <param name="MaxOutputRows">Rows per result table.</param>
/// <param name="MaxOutputBytes">Bytes of all result files together.</param>
/// <param name="AddressSpaceBytes">RLIMIT_AS for a warm worker.</param>
/// <param name="CpuSeconds">CPU seconds from receiving the run (RLIMIT_CPU) for a warm worker.</param>
/// <param name="FileSizeBytes">RLIMIT_FSIZE for a warm worker.</param>
public sealed record WorkerLimits(
    int Threads,
    int MemoryLimitMb,
    long MaxOutputRows,
    long MaxOutputBytes,
    long? AddressSpaceBytes = null,
    int? CpuSeconds = null,
    long? FileSizeBytes = null);
