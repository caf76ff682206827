using Gatekeeper.Workflows.Guards;

namespace Gatekeeper.Workflows.Definitions;

/// <summary>
/// A way out of a state: an action fired by a person holding <see cref="Role"/> (or by the system),
/// or an automatic transition (<see cref="Action"/> null) taken as soon as its guard holds.
/// </summary>
public sealed record TransitionDefinition
{
    /// <summary>Action name; null for an automatic transition.</summary>
    public string? Action { get; init; }

    public required string To { get; init; }

    /// <summary>Role allowed to fire it (<c>system</c>: only the gatekeeper itself).</summary>
    public string? Role { get; init; }

    public GuardExpression? Guard { get; init; }

    public bool CommentRequired { get; init; }

    /// <summary>Decision this transition records on the subject (e.g. <c>approve</c>), applied in the same transaction.</summary>
    public string? Decision { get; init; }

    public int Line { get; init; }

    public bool IsAutomatic => Action is null;
}
