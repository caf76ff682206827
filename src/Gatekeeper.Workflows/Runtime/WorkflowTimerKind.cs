namespace Gatekeeper.Workflows.Runtime;

public enum WorkflowTimerKind
{
    /// <summary>Reminds the assignee of an open task.</summary>
    TaskReminder,

    /// <summary>The task's SLA has passed: marked escalated, the escalation role is told.</summary>
    TaskEscalation,

    /// <summary>The state has lasted its timeout: the instance takes the state's timeout transition.</summary>
    StateTimeout,

    /// <summary>The instance's deadline is near.</summary>
    DeadlineWarning,

    /// <summary>The instance's deadline has passed.</summary>
    Deadline,
}
