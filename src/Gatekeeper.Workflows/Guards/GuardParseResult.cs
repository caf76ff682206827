namespace Gatekeeper.Workflows.Guards;

/// <summary>A parsed, type-checked guard, or why it was refused and at which column.</summary>
public sealed record GuardParseResult(GuardExpression? Expression, string? Error, int Column)
{
    public bool Succeeded => Expression is not null;
}
