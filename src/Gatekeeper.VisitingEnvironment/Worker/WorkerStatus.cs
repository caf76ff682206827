namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>How a worker run ended, as written in its manifest.</summary>
public enum WorkerStatus
{
    /// <summary>Every statement ran; results and shadow statistics are in the output folder.</summary>
    Succeeded,

    /// <summary>The query or its result broke a rule (validation, output rows or bytes); nothing was published.</summary>
    Refused,

    /// <summary>The query failed in DuckDB (a binder error, out of memory); the message says why, without data values.</summary>
    Failed,
}
