using Gatekeeper.Domain.Applications;
using MudBlazor;

namespace Gatekeeper.Web.Components.Shared;

/// <summary>One colour and icon per application status, so chips, charts and timelines agree.</summary>
public static class StatusPresentation
{
    public static Color Color(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => MudBlazor.Color.Default,
        ApplicationStatus.Submitted => MudBlazor.Color.Info,
        ApplicationStatus.Approved => MudBlazor.Color.Success,
        ApplicationStatus.Rejected => MudBlazor.Color.Error,
        ApplicationStatus.Withdrawn => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Dark,
    };

    /// <summary>Hex colours for the donut chart, matching <see cref="Color"/> in the Gatekeeper theme.</summary>
    public static string Hex(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "#9e9e9e",
        ApplicationStatus.Submitted => "#1e88e5",
        ApplicationStatus.Approved => "#2e7d32",
        ApplicationStatus.Rejected => "#c62828",
        ApplicationStatus.Withdrawn => "#ef6c00",
        _ => "#546e7a",
    };

    public static string Icon(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => Icons.Material.Outlined.EditNote,
        ApplicationStatus.Submitted => Icons.Material.Outlined.Send,
        ApplicationStatus.Approved => Icons.Material.Outlined.Verified,
        ApplicationStatus.Rejected => Icons.Material.Outlined.Block,
        ApplicationStatus.Withdrawn => Icons.Material.Outlined.Undo,
        _ => Icons.Material.Outlined.History,
    };
}
