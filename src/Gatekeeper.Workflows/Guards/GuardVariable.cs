namespace Gatekeeper.Workflows.Guards;

/// <summary>
/// A name a guard may use, with its type. A text variable may list its allowed values, so a guard
/// comparing it with a misspelt value is refused when the definition is loaded.
/// </summary>
public sealed record GuardVariable(string Name, GuardType Type, string Description)
{
    public IReadOnlyList<string>? AllowedValues { get; init; }
}
