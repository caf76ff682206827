namespace Gatekeeper.Workflows.Runtime;

/// <summary>What a history step records.</summary>
public enum WorkflowStepKind
{
    Started,
    Transition,
    Vote,
    Assigned,
    Reminder,
    Escalated,
    DeadlineWarning,
    DeadlineMissed,
    DeadlineExtended,
    Cancelled,
}
