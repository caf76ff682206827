namespace Gatekeeper.Data.Workflows;

public enum ReviewQueueSort
{
    /// <summary>Decision deadline of the review (EHDS clock).</summary>
    Deadline,

    /// <summary>Due date of the task (its SLA).</summary>
    TaskDue,

    Created,
    Reference,

    /// <summary>High risk first (ascending), then by deadline.</summary>
    Risk,
}
