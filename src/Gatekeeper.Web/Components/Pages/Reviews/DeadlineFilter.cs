namespace Gatekeeper.Web.Components.Pages.Reviews;

/// <summary>The queue's deadline filter.</summary>
public enum DeadlineFilter
{
    Any,

    /// <summary>The decision deadline is 30 days away or less (overdue ones included).</summary>
    DueSoon,

    /// <summary>The decision deadline has passed.</summary>
    Overdue,

    /// <summary>The task's own due date (its SLA) has passed.</summary>
    TaskOverdue,
}
