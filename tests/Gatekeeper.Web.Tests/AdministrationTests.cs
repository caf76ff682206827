using Bunit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Web.Components.Pages.Admin;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Web.Tests;

public sealed class AdministrationTests : IAsyncLifetime
{
    private PortalContext _admin = default!;

    public async Task InitializeAsync() => _admin = await PortalContext.CreateAsync("admin-yamada", "ja");

    public async Task DisposeAsync() => await _admin.DisposeAsync();

    [Fact]
    public void Lists_people_with_their_roles_sign_in_state_and_accreditation_and_filters_them()
    {
        var page = _admin.Render<PeoplePage>();

        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=person-row]").Count >= 8));
        Assert.Contains("利用者とアクセス", page.Markup);
        Assert.NotNull(page.Find("[data-person='researcher-sato']"));
        // Seeded staff have no authenticator yet: the page says so in its summary.
        Assert.NotEqual("0", page.FindAll("[data-testid=summary-value]")[1].TextContent);

        page.Find("[data-testid=people-search]").Input("佐藤");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=person-row]")));
        page.Find("[data-testid=people-search]").Input("nobody-here");
        page.WaitForAssertion(() => page.Find("[data-testid=people-empty]"));
    }

    [Fact]
    public async Task Adding_a_person_shows_field_errors_then_the_one_time_password_once()
    {
        var page = _admin.Render<PeoplePage>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=person-add]").HasAttribute("disabled")));

        // Not awaited: the click's handler waits for the dialog to close.
        page.Find("[data-testid=person-add]").Click();
        _admin.Dialogs.WaitForAssertion(() => _admin.Dialogs.Find("[data-testid=person-dialog]"));
        _admin.Dialogs.Find("[data-testid=person-email]").Change("not-an-address");
        await _admin.Dialogs.Find("[data-testid=person-save]").ClickAsync(new());
        _admin.Dialogs.WaitForAssertion(() => Assert.NotNull(_admin.Dialogs.Find("[data-testid=admin-errors] [data-rule=email-format]")));
        Assert.NotNull(_admin.Dialogs.Find("[data-testid=admin-errors] [data-field=displayName]"));

        _admin.Dialogs.Find("[data-testid=person-name]").Change("伊藤 次郎");
        _admin.Dialogs.Find("[data-testid=person-email]").Change("jiro.ito@example.jp");
        await _admin.Dialogs.Find("[data-testid=person-save]").ClickAsync(new());
        // The organisation is still unset: refused again, naming that field only.
        _admin.Dialogs.WaitForAssertion(() => Assert.NotNull(_admin.Dialogs.Find("[data-testid=admin-errors] [data-field=organisationId]")));
        Assert.Empty(_admin.Dialogs.FindAll("[data-testid=admin-errors] [data-field=email]"));

        await using var db = await _admin.Store.DbAsync();
        Assert.False(await db.UserProfiles.AnyAsync(p => p.Email == "jiro.ito@example.jp"));
        Assert.False(await db.Set<AuditEntryRow>().AnyAsync(e => e.Action == "admin.person-created"));
    }

    [Fact]
    public void Organisations_show_the_certified_operator_flag()
    {
        var page = _admin.Render<OrganisationsPage>();

        page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid=organisation-row]").Count >= 2));
        Assert.Contains("認定事業者", page.Markup);
    }
}
