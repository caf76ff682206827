namespace Gatekeeper.Web.Components.Pages.Home;

/// <summary>
/// Where a signed-in person who is not a researcher starts: the first area one of their roles may use, so staff
/// land on their work (the review queue, the admin pages …) instead of the researcher's dashboard.
/// </summary>
public static class StaffHomes
{
    public static IReadOnlyList<(string Policy, string Href)> InOrder { get; } =
    [
        (Policies.ReviewBoard, "/reviews"),
        (Policies.DataSteward, "/data"),
        (Policies.OutputChecker, "/outputs"),
        (Policies.AuditConsole, "/audit"),
        (Policies.Admin, "/admin/people"),
    ];
}
