namespace Gatekeeper.Workflows.Runtime;

public enum WorkflowTimerStatus
{
    Pending,
    Fired,

    /// <summary>Void before it was due (the state was left, the deadline extended, the instance ended).</summary>
    Cancelled,
}
