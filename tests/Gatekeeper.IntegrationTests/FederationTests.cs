using System.Net;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Identity;
using Gatekeeper.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.IntegrationTests;

/// <summary>
/// Sign-in through an upstream institution's OpenID Connect provider — played by a second Gatekeeper
/// acting as the upstream. The person needs an account here; MFA roles still pass the local TOTP step
/// unless the upstream is trusted for MFA and did it.
/// </summary>
public sealed class FederationTests(FederationTests.Hosts hosts) : IClassFixture<FederationTests.Hosts>
{
    private const string DownstreamSecret = "federation-test-secret-not-for-production";

    public sealed class Hosts : IDisposable
    {
        public Hosts()
        {
            var strictPort = LoopbackPort.Free();
            var trustingPort = LoopbackPort.Free();
            Upstream = new GatekeeperWebHost(settings: new Dictionary<string, string?>
            {
                ["Gatekeeper:Identity:Clients:0:ClientId"] = "downstream-gatekeeper",
                ["Gatekeeper:Identity:Clients:0:DisplayName"] = "Downstream Gatekeeper",
                ["Gatekeeper:Identity:Clients:0:ClientSecret"] = DownstreamSecret,
                ["Gatekeeper:Identity:Clients:0:Flow"] = "code",
                ["Gatekeeper:Identity:Clients:0:RedirectUris:0"] = $"http://127.0.0.1:{strictPort}/identity/external/university/callback",
                ["Gatekeeper:Identity:Clients:0:RedirectUris:1"] = $"http://127.0.0.1:{trustingPort}/identity/external/university/callback",
            });
            // Cookies are per host name, not per port: the upstream is reached as "localhost" so the two
            // providers' cookies never overwrite each other in the test's single cookie jar.
            var authority = new UriBuilder(Upstream.BaseAddress) { Host = "localhost" }.Uri.ToString();
            Strict = Downstream(strictPort, authority, trustMfa: false);
            Trusting = Downstream(trustingPort, authority, trustMfa: true);
        }

        public GatekeeperWebHost Upstream { get; }

        public GatekeeperWebHost Strict { get; }

        public GatekeeperWebHost Trusting { get; }

        private static GatekeeperWebHost Downstream(int port, string authority, bool trustMfa) => new(port: port, settings: new Dictionary<string, string?>
        {
            ["Gatekeeper:Identity:ExternalProviders:0:Name"] = "university",
            ["Gatekeeper:Identity:ExternalProviders:0:DisplayName"] = "University IdP",
            ["Gatekeeper:Identity:ExternalProviders:0:Authority"] = authority,
            ["Gatekeeper:Identity:ExternalProviders:0:ClientId"] = "downstream-gatekeeper",
            ["Gatekeeper:Identity:ExternalProviders:0:ClientSecret"] = DownstreamSecret,
            ["Gatekeeper:Identity:ExternalProviders:0:AllowHttp"] = "true",
            ["Gatekeeper:Identity:ExternalProviders:0:TrustUpstreamMfa"] = trustMfa ? "true" : "false",
        });

        public void Dispose()
        {
            Strict.Dispose();
            Trusting.Dispose();
            Upstream.Dispose();
        }
    }

    [Fact]
    public async Task A_researcher_signs_in_with_the_institution_and_the_account_is_linked_once()
    {
        var (email, _) = await hosts.Upstream.ArrangeCredentialsAsync("researcher-tanaka");
        var client = hosts.Strict.NewClient();

        var landed = await FederatedSignInAsync(client, email, null);

        Assert.Equal("/", landed);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        using var scope = hosts.Strict.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GatekeeperUser>>();
        var logins = await users.GetLoginsAsync((await users.FindByIdAsync("researcher-tanaka"))!);
        Assert.Equal("external-university", Assert.Single(logins).LoginProvider);
        await using var db = await hosts.Strict.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        Assert.True(await db.Set<AuditEntryRow>().AnyAsync(e => e.Action == "auth.external-linked" && e.ActorId == "researcher-tanaka"));
        Assert.True(await db.Set<AuditEntryRow>().AnyAsync(e => e.Action == "auth.signed-in" && e.ActorId == "researcher-tanaka" && e.Reason == "university"));
    }

    [Fact]
    public async Task A_reviewer_still_gives_the_local_TOTP_when_the_upstream_is_not_trusted_for_MFA()
    {
        var (email, upstreamKey) = await hosts.Upstream.ArrangeCredentialsAsync("chair-nakamura");
        var (_, localKey) = await hosts.Strict.ArrangeCredentialsAsync("chair-nakamura");
        var client = hosts.Strict.NewClient();

        var landed = await FederatedSignInAsync(client, email, upstreamKey, localKey);

        Assert.Equal("/", landed);
        Assert.True(await SawLocalMfaAsync(hosts.Strict, "chair-nakamura"));
    }

    [Fact]
    public async Task A_reviewer_whose_upstream_did_MFA_skips_the_local_code_when_the_upstream_is_trusted()
    {
        var (email, upstreamKey) = await hosts.Upstream.ArrangeCredentialsAsync("steward-ito");
        var client = hosts.Trusting.NewClient();

        var landed = await FederatedSignInAsync(client, email, upstreamKey, localTotpKey: null);

        Assert.Equal("/", landed);
        await using var db = await hosts.Trusting.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        Assert.True(await db.Set<AuditEntryRow>().AnyAsync(e => e.Action == "auth.signed-in" && e.ActorId == "steward-ito" && e.Reason == "university+upstream-mfa"));
    }

    [Fact]
    public async Task Someone_without_an_account_here_is_refused_with_a_message_and_nothing_is_created()
    {
        var (email, _) = await hosts.Upstream.ArrangeCredentialsAsync("researcher-suzuki");
        using (var scope = hosts.Trusting.Services.CreateScope())
        {
            // The same person is registered downstream under another address: no verified match.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<GatekeeperUser>>();
            var local = (await users.FindByIdAsync("researcher-suzuki"))!;
            await users.SetEmailAsync(local, "suzuki.other@example.jp");
        }

        var client = hosts.Trusting.NewClient();
        var landed = await FederatedSignInAsync(client, email, null);

        Assert.StartsWith("/identity/sign-in?error=external-unknown", landed, StringComparison.Ordinal);
        using var check = hosts.Trusting.Services.CreateScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<GatekeeperUser>>();
        Assert.Empty(await manager.GetLoginsAsync((await manager.FindByIdAsync("researcher-suzuki"))!));
        var page = await client.GetAsync(landed);
        Assert.Contains("data-testid=\"form-error\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_provider_name_is_not_found()
    {
        var client = hosts.Strict.NewClient();
        var signIn = await client.GetAsync("/identity/sign-in");
        var response = await OidcBrowser.PostAsync(client, "/identity/external/nowhere", await signIn.Content.ReadAsStringAsync(), []);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>
    /// Portal → downstream sign-in page → "sign in with your institution" → upstream sign-in (password, TOTP) →
    /// downstream callback → (local TOTP) → portal. Returns the local path where the journey ended.
    /// </summary>
    private static async Task<string> FederatedSignInAsync(HttpClient client, string email, string? upstreamTotpKey, string? localTotpKey = null)
    {
        var response = await client.GetAsync("/account/sign-in?returnUrl=%2F");
        for (var step = 0; step < 30; step++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                var location = response.Headers.Location!;
                if (!location.IsAbsoluteUri) location = new Uri(response.RequestMessage!.RequestUri!, location);
                var local = location.Authority == client.BaseAddress!.Authority;
                if (local && (location.PathAndQuery == "/" || location.AbsolutePath == "/identity/sign-in" && location.Query.Contains("error=", StringComparison.Ordinal)))
                    return location.PathAndQuery;
                response = await client.GetAsync(location);
                continue;
            }

            var uri = response.RequestMessage!.RequestUri!;
            var html = await response.Content.ReadAsStringAsync();
            var upstream = uri.Host == "localhost";
            var origin = uri.GetLeftPart(UriPartial.Authority);
            response = (uri.AbsolutePath, upstream) switch
            {
                ("/identity/sign-in", false) => await OidcBrowser.PostAsync(client, "/identity/external/university", html, []),
                ("/identity/sign-in", true) => await OidcBrowser.PostAsync(client, origin + "/identity/sign-in", html, new() { ["email"] = email, ["password"] = GatekeeperWebHost.TestPassword }),
                ("/identity/mfa", true) => await OidcBrowser.PostAsync(client, origin + "/identity/mfa", html, new() { ["code"] = OidcBrowser.Totp(upstreamTotpKey) }),
                ("/identity/mfa", false) => await OidcBrowser.PostAsync(client, "/identity/mfa", html, new() { ["code"] = OidcBrowser.Totp(localTotpKey) }),
                _ => throw new InvalidOperationException($"Unexpected page {uri}: {(int)response.StatusCode}"),
            };
        }

        throw new InvalidOperationException("The federated sign-in did not finish within 30 steps.");
    }

    private static async Task<bool> SawLocalMfaAsync(GatekeeperWebHost host, string userId)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        return await db.Set<AuditEntryRow>().AnyAsync(e => e.Action == "auth.signed-in" && e.ActorId == userId && e.Reason == "university+totp");
    }
}
