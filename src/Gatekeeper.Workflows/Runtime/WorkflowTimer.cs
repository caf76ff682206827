namespace Gatekeeper.Workflows.Runtime;

/// <summary>
/// A durable timer. The timer service claims a due timer by changing its status from Pending in the
/// same transaction that applies its effect, so it fires exactly once even across crashes and hosts.
/// </summary>
public sealed class WorkflowTimer
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public Guid? TaskId { get; set; }

    public int Visit { get; set; }

    public WorkflowTimerKind Kind { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public WorkflowTimerStatus Status { get; set; }

    public DateTimeOffset? FiredAt { get; set; }
}
