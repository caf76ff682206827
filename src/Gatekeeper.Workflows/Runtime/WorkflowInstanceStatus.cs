namespace Gatekeeper.Workflows.Runtime;

public enum WorkflowInstanceStatus
{
    Running,

    /// <summary>Ended in a terminal state; <see cref="WorkflowInstance.Outcome"/> says which.</summary>
    Completed,

    /// <summary>Stopped before a terminal state (application withdrawn or superseded mid-review).</summary>
    Cancelled,
}
