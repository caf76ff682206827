using Gatekeeper.Domain.Catalogue;
using MudBlazor;

namespace Gatekeeper.Web.Components.Shared;

/// <summary>Colour and icon per disclosure class: red never leaves, amber identifies in combination, purple is special-category.</summary>
public static class SensitivityPresentation
{
    public static IReadOnlyList<VariableSensitivity> All { get; } = Enum.GetValues<VariableSensitivity>();

    public static Color Color(VariableSensitivity sensitivity) => sensitivity switch
    {
        VariableSensitivity.DirectIdentifier => MudBlazor.Color.Error,
        VariableSensitivity.QuasiIdentifier => MudBlazor.Color.Warning,
        VariableSensitivity.Sensitive => MudBlazor.Color.Tertiary,
        _ => MudBlazor.Color.Default,
    };

    public static string Icon(VariableSensitivity sensitivity) => sensitivity switch
    {
        VariableSensitivity.DirectIdentifier => Icons.Material.Outlined.Badge,
        VariableSensitivity.QuasiIdentifier => Icons.Material.Outlined.JoinInner,
        VariableSensitivity.Sensitive => Icons.Material.Outlined.HealthAndSafety,
        _ => Icons.Material.Outlined.DataObject,
    };
}
