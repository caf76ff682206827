using System.Net;
using System.Text.Json;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Testing;
using Gatekeeper.Web.Api;

namespace Gatekeeper.IntegrationTests;

/// <summary>Who may reach what: anonymous, other researchers, other roles.</summary>
public sealed class AccessTests(AccessTests.Host host) : IClassFixture<AccessTests.Host>
{
    public sealed class Host : IDisposable
    {
        public GatekeeperWebHost Web { get; } = new();

        public void Dispose() => Web.Dispose();
    }

    [Theory]
    [InlineData("GET", "/api/v1/applications")]
    [InlineData("POST", "/api/v1/applications")]
    [InlineData("GET", "/api/v1/applications/00000000-0000-0000-0000-000000000001")]
    [InlineData("GET", "/api/v1/catalogue/datasets")]
    [InlineData("GET", "/api/v1/policies/purposes")]
    public async Task Anonymous_api_calls_get_401_not_a_redirect(string method, string path)
    {
        using var client = host.Web.NewClient();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/applications/new")]
    [InlineData("/catalogue")]
    public async Task Anonymous_pages_redirect_to_sign_in(string path)
    {
        using var client = host.Web.NewClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_researcher_gets_404_for_an_application_id_that_is_not_theirs()
    {
        var sato = await host.Web.SignInAsync("researcher-sato");
        var draft = await (await sato.PostJsonAsync("/api/v1/applications", new ApplicationContent { Title = "Private" })).ReadApplicationAsync();
        var tanaka = await host.Web.SignInAsync("researcher-tanaka");

        Assert.Equal(HttpStatusCode.NotFound, (await tanaka.GetAsync($"/api/v1/applications/{draft.Id}")).StatusCode);
        var put = await tanaka.PutJsonAsync($"/api/v1/applications/{draft.Id}", new SaveDraftRequest(new ApplicationContent { Title = "Hijacked" }, draft.ConcurrencyStamp));
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        var list = await (await tanaka.GetAsync("/api/v1/applications")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(draft.Id.ToString(), list, StringComparison.Ordinal);

        var stillMine = await (await sato.GetAsync($"/api/v1/applications/{draft.Id}")).ReadApplicationAsync();
        Assert.Equal("Private", stillMine.Content.Title);
    }

    [Fact]
    public async Task A_user_without_the_researcher_role_gets_403_from_the_application_api()
    {
        var chair = await host.Web.SignInAsync("chair-nakamura");
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.GetAsync("/api/v1/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync("/api/v1/catalogue/datasets")).StatusCode);
    }

    [Theory]
    [InlineData("/admin/people")]
    [InlineData("/admin/organisations")]
    public async Task Only_administrators_reach_the_administration_pages(string path)
    {
        var researcher = await host.Web.SignInAsync("researcher-sato");
        var denied = await researcher.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var admin = await host.Web.SignInAsync("admin-yamada");
        var page = await admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Sign_in_never_redirects_to_another_site()
    {
        var (email, _) = await host.Web.ArrangeCredentialsAsync("researcher-sato");
        using var client = host.Web.NewClient();
        var page = await (await client.GetAsync("/identity/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("evil.example", page, StringComparison.Ordinal);

        var post = await OidcBrowser.PostAsync(client, "/identity/sign-in", page, new() { ["email"] = email, ["password"] = GatekeeperWebHost.TestPassword, ["returnUrl"] = "//evil.example/" });
        Assert.Equal("/", post.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Forms_posted_without_an_antiforgery_token_are_refused()
    {
        var (email, _) = await host.Web.ArrangeCredentialsAsync("researcher-sato");
        using var anonymous = host.Web.NewClient();
        var signIn = await anonymous.PostAsync("/identity/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = GatekeeperWebHost.TestPassword, ["returnUrl"] = "/",
        }));
        // The provider's forms go back to their page with a fresh token and a message; nothing is signed in.
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/identity/sign-in?error=expired&", signIn.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.False(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("gatekeeper.idp", StringComparison.Ordinal)));
        var page = await anonymous.GetStringAsync(signIn.Headers.Location);
        Assert.Contains("data-testid=\"form-error\"", page, StringComparison.Ordinal);
        Assert.Contains("フォームの有効期限が切れました", WebUtility.HtmlDecode(page), StringComparison.Ordinal); // Japanese: the portal's default language
        foreach (var form in new[] { "/identity/mfa", "/identity/mfa/enrol", "/identity/change-password" })
        {
            var refused = await anonymous.PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith($"{form}?error=expired&", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        var signedIn = await host.Web.SignInAsync("researcher-sato");
        var signOut = await signedIn.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/applications")).StatusCode);
    }

    [Fact]
    public async Task Health_reports_the_store_reachable_and_migrated()
    {
        using var client = host.Web.NewClient();
        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", doc.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_application_operations()
    {
        using var client = host.Web.NewClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/applications", out _));
        Assert.True(paths.TryGetProperty("/api/v1/applications/{id}/submit", out _));
        Assert.True(paths.TryGetProperty("/api/v1/catalogue/datasets", out _));
        Assert.False(paths.TryGetProperty("/account/sign-in", out _));
        Assert.False(paths.TryGetProperty("/connect/token", out _));
    }

    [Fact]
    public async Task The_catalogue_lists_the_demo_dataset_with_sensitivity_classes()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/catalogue/datasets"));
        var dataset = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("dpp", dataset.GetProperty("id").GetString());
        var participantId = dataset.GetProperty("variables").EnumerateArray().First(v => v.GetProperty("name").GetString() == "participant_id");
        Assert.Equal("DirectIdentifier", participantId.GetProperty("sensitivity").GetString());
    }
}
