namespace Gatekeeper.Workflows.Guards;

/// <summary>One token of a guard expression and its 1-based column.</summary>
internal sealed record GuardToken(GuardTokenKind Kind, string Text, int Column, decimal Number = 0);
