namespace Gatekeeper.Data.Workflows;

public enum ReviewQueueScope
{
    /// <summary>Open tasks assigned to the caller.</summary>
    Mine,

    /// <summary>Open tasks of the caller's roles (assigned to anyone or to nobody), and every task of workflows the caller assigns.</summary>
    Team,
}
