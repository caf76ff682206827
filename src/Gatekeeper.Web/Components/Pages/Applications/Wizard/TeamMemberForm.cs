namespace Gatekeeper.Web.Components.Pages.Applications.Wizard;

/// <summary>Editable team member row.</summary>
public sealed class TeamMemberForm
{
    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string Organisation { get; set; } = "";

    public string ProjectRole { get; set; } = "";
}
