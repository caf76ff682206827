namespace Gatekeeper.Workflows.Runtime;

/// <summary>
/// One entry of an instance's full history: transitions, votes, assignments, reminders, escalations,
/// deadline changes. (instance, sequence) is unique, and a timer's effect is recorded at most once
/// (unique timer id), so a step can never be applied twice.
/// </summary>
public sealed class WorkflowStep
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public int Sequence { get; set; }

    public WorkflowStepKind Kind { get; set; }

    public DateTimeOffset At { get; set; }

    public string? FromState { get; set; }

    public required string ToState { get; set; }

    /// <summary>The action, vote choice, <c>auto</c>, <c>timeout</c> or other cause.</summary>
    public required string Trigger { get; set; }

    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    public string? Comment { get; set; }

    public Guid? TaskId { get; set; }

    public Guid? TimerId { get; set; }
}
