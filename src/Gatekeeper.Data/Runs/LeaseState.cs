namespace Gatekeeper.Data.Runs;

/// <summary>What a worker learns when it renews its lease.</summary>
public enum LeaseState
{
    /// <summary>Still ours; carry on.</summary>
    Held,

    /// <summary>Still ours, and the researcher asked to cancel: stop the execution.</summary>
    CancelRequested,

    /// <summary>No longer ours (expired and taken over, or finished elsewhere): stop and record nothing.</summary>
    Lost,
}
