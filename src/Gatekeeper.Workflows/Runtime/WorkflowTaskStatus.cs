namespace Gatekeeper.Workflows.Runtime;

public enum WorkflowTaskStatus
{
    Open,
    Completed,

    /// <summary>The instance left the task's state before it was done (another path, a timeout, cancellation).</summary>
    Cancelled,
}
