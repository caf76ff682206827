using Gatekeeper.Domain.Permits;

namespace Gatekeeper.Data.Workflows;

/// <summary>
/// An action on an application review task: the action name of the current state (<c>accept</c>,
/// <c>return</c>, <c>approve</c>, <c>approve_with_conditions</c>, <c>revise</c>, <c>reject</c>, …), the
/// comment or decision reason, and for decisions their conditions and the permit's terms (null: exactly
/// what was asked for, with the default privacy budget).
/// </summary>
public sealed record ReviewAction
{
    public required string Action { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<string> Conditions { get; init; } = [];

    public PermitTerms? Terms { get; init; }
}
