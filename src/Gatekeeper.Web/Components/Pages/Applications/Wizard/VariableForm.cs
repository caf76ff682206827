namespace Gatekeeper.Web.Components.Pages.Applications.Wizard;

/// <summary>A requested variable and why it is needed.</summary>
public sealed class VariableForm
{
    public string Table { get; set; } = "";

    public string Name { get; set; } = "";

    public string Justification { get; set; } = "";

    public string QualifiedName => $"{Table}.{Name}";
}
