namespace Gatekeeper.Domain.Applications;

/// <summary>One step in an application's life: who moved it, when, from where to where, and why.</summary>
public sealed class StatusTransition
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid ApplicationId { get; init; }

    public ApplicationStatus? From { get; init; }

    public ApplicationStatus To { get; init; }

    public required string ActorId { get; init; }

    public required string ActorName { get; init; }

    public DateTimeOffset At { get; init; }

    public string? Reason { get; init; }
}
