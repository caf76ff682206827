namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>Results and shadow statistics are in the airlock, waiting for the exit review.</summary>
    Succeeded,

    /// <summary>Refused before or while running: the query, the permit or the output broke a rule; nothing left.</summary>
    Refused,

    /// <summary>Stopped by a resource limit (time, CPU, memory, output size); nothing left.</summary>
    Killed,

    /// <summary>The query failed in the engine (e.g. a binder error), or the worker failed.</summary>
    Failed,

    /// <summary>Cancelled by the caller (the researcher or a shutdown); the worker was killed.</summary>
    Cancelled,
}
