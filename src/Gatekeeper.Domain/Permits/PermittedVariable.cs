namespace Gatekeeper.Domain.Permits;

/// <summary>A variable the permit allows (table and name in the catalogue).</summary>
public sealed record PermittedVariable(string Table, string Name)
{
    public string QualifiedName => $"{Table}.{Name}";
}
