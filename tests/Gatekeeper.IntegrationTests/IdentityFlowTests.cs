using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gatekeeper.Data;
using Gatekeeper.Data.Identity;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Testing;
using Gatekeeper.Web.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.IntegrationTests;

/// <summary>The OpenID Connect provider end to end: discovery, MFA, lockout, sign-out, machine clients.</summary>
public sealed class IdentityFlowTests(IdentityFlowTests.Host host) : IClassFixture<IdentityFlowTests.Host>
{
    public const string IntegrationClientSecret = "integration-test-secret-not-for-production";

    public sealed class Host : IDisposable
    {
        public GatekeeperWebHost Web { get; } = new(settings: new Dictionary<string, string?>
        {
            ["Gatekeeper:Identity:Clients:0:ClientId"] = "hospital-integration",
            ["Gatekeeper:Identity:Clients:0:DisplayName"] = "Hospital research office integration",
            ["Gatekeeper:Identity:Clients:0:ClientSecret"] = IntegrationClientSecret,
            ["Gatekeeper:Identity:Clients:0:Flow"] = "client_credentials",
            ["Gatekeeper:Identity:Clients:0:Roles:0"] = "researcher",
            ["Gatekeeper:Identity:Clients:0:OrganisationId"] = "univ-tokyo-hosp",
        });

        public void Dispose() => Web.Dispose();
    }

    [Fact]
    public async Task The_discovery_document_describes_code_flow_with_PKCE_and_client_credentials()
    {
        using var client = host.Web.NewClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration"));
        var root = doc.RootElement;
        Assert.EndsWith("/connect/authorize", root.GetProperty("authorization_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/token", root.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Contains("S256", root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var grants = root.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("authorization_code", grants);
        Assert.Contains("client_credentials", grants);
        Assert.Contains("refresh_token", grants);
    }

    [Fact]
    public async Task A_staff_member_with_a_wrong_TOTP_code_is_not_signed_in()
    {
        var (email, _) = await host.Web.ArrangeCredentialsAsync("steward-ito");
        using var client = host.Web.NewClient();
        var page = await client.GetStringAsync("/identity/sign-in?returnUrl=%2F");
        var afterPassword = await OidcBrowser.PostAsync(client, "/identity/sign-in", page, new() { ["email"] = email, ["password"] = GatekeeperWebHost.TestPassword });
        Assert.StartsWith("/identity/mfa", afterPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var mfaPage = await client.GetStringAsync(afterPassword.Headers.Location);
        var wrong = await OidcBrowser.PostAsync(client, "/identity/mfa", mfaPage, new() { ["code"] = "000000" });
        Assert.StartsWith("/identity/mfa?error=invalid", wrong.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/catalogue/datasets")).StatusCode);
    }

    [Fact]
    public async Task A_staff_member_without_an_authenticator_must_enrol_before_getting_in()
    {
        using (var scope = host.Web.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<GatekeeperUser>>();
            var user = (await users.FindByIdAsync("checker-kato"))!;
            await users.RemovePasswordAsync(user);
            await users.AddPasswordAsync(user, GatekeeperWebHost.TestPassword);
            await users.SetTwoFactorEnabledAsync(user, false);
        }

        using var client = host.Web.NewClient();
        var page = await client.GetStringAsync("/identity/sign-in?returnUrl=%2F");
        var afterPassword = await OidcBrowser.PostAsync(client, "/identity/sign-in", page, new() { ["email"] = "kato@hdab.example", ["password"] = GatekeeperWebHost.TestPassword });
        Assert.StartsWith("/identity/mfa/enrol", afterPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/catalogue/datasets")).StatusCode);

        var enrolPage = await client.GetStringAsync(afterPassword.Headers.Location);
        var key = System.Text.RegularExpressions.Regex.Match(enrolPage, "data-key=\"([A-Z0-9]+)\"").Groups[1].Value;
        var enrolled = await OidcBrowser.PostAsync(client, "/identity/mfa/enrol", enrolPage, new() { ["code"] = OidcBrowser.Totp(key) });
        Assert.StartsWith("/identity/mfa/recovery-codes", enrolled.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var codes = await client.GetStringAsync(enrolled.Headers.Location);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(codes, "<li><code>").Count);
        var again = await client.GetStringAsync(enrolled.Headers.Location);
        Assert.DoesNotContain("<li><code>", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_time_password_must_be_replaced_at_first_sign_in()
    {
        using (var scope = host.Web.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<GatekeeperUser>>();
            var user = (await users.FindByIdAsync("researcher-suzuki"))!;
            await users.RemovePasswordAsync(user);
            await users.AddPasswordAsync(user, "one-time-password-1");
            user.MustChangePassword = true;
            await users.UpdateAsync(user);
        }

        using var client = host.Web.NewClient();
        var page = await client.GetStringAsync("/identity/sign-in?returnUrl=%2F");
        var afterPassword = await OidcBrowser.PostAsync(client, "/identity/sign-in", page, new() { ["email"] = "suzuki@medinfra.example", ["password"] = "one-time-password-1" });
        Assert.StartsWith("/identity/change-password", afterPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var form = await client.GetStringAsync(afterPassword.Headers.Location);
        var tooShort = await OidcBrowser.PostAsync(client, "/identity/change-password", form, new()
        {
            ["currentPassword"] = "one-time-password-1", ["newPassword"] = "short", ["confirmPassword"] = "short",
        });
        Assert.Contains("error=PasswordTooShort", tooShort.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var changed = await OidcBrowser.PostAsync(client, "/identity/change-password", form, new()
        {
            ["currentPassword"] = "one-time-password-1", ["newPassword"] = "a much longer passphrase", ["confirmPassword"] = "a much longer passphrase",
        });
        Assert.Equal("/", changed.Headers.Location!.OriginalString);
        using var scope2 = host.Web.Services.CreateScope();
        var manager = scope2.ServiceProvider.GetRequiredService<UserManager<GatekeeperUser>>();
        var updated = (await manager.FindByIdAsync("researcher-suzuki"))!;
        Assert.False(updated.MustChangePassword);
        Assert.True(await manager.CheckPasswordAsync(updated, "a much longer passphrase"));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var (email, _) = await host.Web.ArrangeCredentialsAsync("researcher-tanaka");
        using var client = host.Web.NewClient();
        for (var i = 0; i < 5; i++)
        {
            var form = await client.GetStringAsync("/identity/sign-in?returnUrl=%2F");
            await OidcBrowser.PostAsync(client, "/identity/sign-in", form, new() { ["email"] = email, ["password"] = $"wrong password {i}" });
        }

        var page = await client.GetStringAsync("/identity/sign-in?returnUrl=%2F");
        var right = await OidcBrowser.PostAsync(client, "/identity/sign-in", page, new() { ["email"] = email, ["password"] = GatekeeperWebHost.TestPassword });
        Assert.Contains("error=locked", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var db = await host.Web.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        Assert.True(await db.Set<Data.Audit.AuditEntryRow>().AnyAsync(e => e.Action == "auth.locked-out" && e.ActorId == "researcher-tanaka"));
    }

    [Fact]
    public async Task Signing_out_ends_every_session_and_a_copied_cookie_no_longer_works()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/applications")).StatusCode);
        var stolen = host.Web.NewClient();
        var stolenCookie = string.Join("; ", host.Web.CookiesOf(client).Select(c => $"{c.Name}={c.Value}"));
        stolen.DefaultRequestHeaders.Add("Cookie", stolenCookie);
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/api/v1/applications")).StatusCode);

        // The sign-out form lives in the interactive user menu; any server-rendered form of this session carries a valid token.
        var withToken = await client.GetStringAsync("/identity/sign-in");
        var signOut = await OidcBrowser.PostAsync(client, "/account/sign-out", withToken, []);
        for (var response = signOut; response.StatusCode == HttpStatusCode.Redirect;)
            response = await client.GetAsync(response.Headers.Location);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/v1/applications")).StatusCode);
    }

    [Fact]
    public async Task A_machine_client_uses_the_API_with_a_token_until_it_is_revoked()
    {
        using var client = host.Web.NewClient();
        var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "hospital-integration", ["client_secret"] = IntegrationClientSecret, ["scope"] = "gatekeeper.api",
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;

        using var api = host.Web.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/catalogue/datasets")).StatusCode);
        var created = await api.PostJsonAsync("/api/v1/applications", new ApplicationContent { Title = "From the hospital's system" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var revoke = await client.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = accessToken, ["client_id"] = "hospital-integration", ["client_secret"] = IntegrationClientSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/catalogue/datasets")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token()
    {
        using var client = host.Web.NewClient();
        var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "hospital-integration", ["client_secret"] = "guess", ["scope"] = "gatekeeper.api",
        }));
        Assert.NotEqual(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Submitting_without_a_valid_accreditation_names_what_to_renew()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        await using (var db = await host.Web.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync())
            await db.Accreditations.Where(a => a.UserId == "researcher-sato" && a.Kind == "research-ethics")
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ValidUntil, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1)));

        var draft = await (await client.PostJsonAsync("/api/v1/applications", SampleContent.Complete(DateOnly.FromDateTime(DateTime.UtcNow)))).ReadApplicationAsync();
        var submit = await client.PostJsonAsync($"/api/v1/applications/{draft.Id}/submit", new TransitionRequest(draft.ConcurrencyStamp, null));

        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        Assert.Contains(("accreditation", "accreditation-expired"), await submit.ReadErrorsAsync());
        Assert.Contains("Research ethics training", await submit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address()
    {
        using var limited = new GatekeeperWebHost(settings: new Dictionary<string, string?> { ["Gatekeeper:Identity:RequestsPerMinute"] = "3" });
        using var client = limited.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var page = await client.GetStringAsync("/identity/sign-in?returnUrl=%2F");
            statuses.Add((await OidcBrowser.PostAsync(client, "/identity/sign-in", page, new() { ["email"] = "nobody@example.org", ["password"] = "wrong" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
