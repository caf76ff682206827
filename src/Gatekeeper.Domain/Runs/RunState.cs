namespace Gatekeeper.Domain.Runs;

/// <summary>Where a researcher's run is in the job queue. Succeeded, Failed, Refused and Cancelled are final.</summary>
public enum RunState
{
    /// <summary>Accepted and waiting for a worker slot.</summary>
    Queued,

    /// <summary>Claimed by a worker of the host (under a lease) and executing in the visiting environment.</summary>
    Running,

    /// <summary>Finished; its results and shadow statistics are in the airlock, awaiting the output check.</summary>
    Succeeded,

    /// <summary>Stopped by a resource limit, an engine error or a host failure; nothing kept.</summary>
    Failed,

    /// <summary>Refused by a rule (permit, team, accreditation, query validation); nothing ran.</summary>
    Refused,

    /// <summary>Cancelled by the researcher; nothing kept.</summary>
    Cancelled,
}
