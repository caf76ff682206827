using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gatekeeper.Testing;

namespace Gatekeeper.IntegrationTests;

/// <summary>
/// The provider and the portal as two processes sharing one store: the provider is the real
/// <c>Gatekeeper.Web</c> started as a child process; the portal (this process) names it as its authority,
/// signs people in through it and checks API tokens by introspection.
/// </summary>
public sealed class SeparateProviderTests(SeparateProviderTests.Processes processes) : IClassFixture<SeparateProviderTests.Processes>
{
    private const string PortalSecret = "separate-portal-secret-not-for-production";
    private const string MachineSecret = "separate-machine-secret-not-for-production";

    public sealed class Processes : IAsyncLifetime
    {
        public PortalProcess Provider { get; private set; } = default!;

        public GatekeeperWebHost Portal { get; private set; } = default!;

        private bool Started => Provider is not null;

        public async Task InitializeAsync()
        {
            var portalPort = LoopbackPort.Free();
            // A generous start-up allowance: a shared 2-core CI machine may be busy building and testing alongside.
            Provider = await PortalProcess.StartAsync(TimeSpan.FromSeconds(240), "separate-provider", new Dictionary<string, string>
            {
                ["Gatekeeper:Identity:Clients:0:ClientId"] = "separate-portal",
                ["Gatekeeper:Identity:Clients:0:DisplayName"] = "Portal in its own process",
                ["Gatekeeper:Identity:Clients:0:ClientSecret"] = PortalSecret,
                ["Gatekeeper:Identity:Clients:0:Flow"] = "code",
                ["Gatekeeper:Identity:Clients:0:RedirectUris:0"] = $"http://127.0.0.1:{portalPort}/signin-oidc",
                ["Gatekeeper:Identity:Clients:0:PostLogoutRedirectUris:0"] = $"http://127.0.0.1:{portalPort}/signout-callback-oidc",
                ["Gatekeeper:Identity:Clients:1:ClientId"] = "hospital-integration",
                ["Gatekeeper:Identity:Clients:1:DisplayName"] = "Hospital research office integration",
                ["Gatekeeper:Identity:Clients:1:ClientSecret"] = MachineSecret,
                ["Gatekeeper:Identity:Clients:1:Flow"] = "client_credentials",
                ["Gatekeeper:Identity:Clients:1:Roles:0"] = "researcher",
                ["Gatekeeper:Identity:Clients:1:OrganisationId"] = "univ-tokyo-hosp",
                ["Gatekeeper:Identity:ApiAudiences:0"] = "separate-portal",
                ["Gatekeeper:Identity:RequestsPerMinute"] = "10000",
            });
            // Cookies are per host name, not per port: the provider is reached as "localhost".
            Portal = new GatekeeperWebHost(port: portalPort, settings: new Dictionary<string, string?>
            {
                ["Gatekeeper:Portal:Authority"] = new UriBuilder(Provider.BaseAddress) { Host = "localhost" }.Uri.ToString(),
                ["Gatekeeper:Portal:ClientId"] = "separate-portal",
                ["Gatekeeper:Portal:ClientSecret"] = PortalSecret,
                ["Gatekeeper:Portal:AllowHttp"] = "true",
                ["Gatekeeper:Database:ConnectionString"] = $"Data Source={Path.Combine(Provider.DataFolder, "gatekeeper.db")};Foreign Keys=True",
                ["Gatekeeper:Database:MigrateOnStartup"] = "false",
                ["Gatekeeper:Demo:Seed"] = "false",
            });
            _ = Portal.BaseAddress;
        }

        public async Task DisposeAsync()
        {
            // Either may be missing when start-up failed; the failure itself is what the tests report.
            Portal?.Dispose();
            if (Started) await Provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_person_signs_in_to_the_portal_through_the_provider_process()
    {
        var client = processes.Portal.NewClient();
        const string email = "sato@u-tokyo-hosp.example";
        var landed = await SignInAsync(client, email, processes.Provider.DemoPassword(email));

        Assert.Equal("/", landed);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/applications")).StatusCode);
    }

    [Fact]
    public async Task The_portal_accepts_the_providers_API_tokens_until_they_are_revoked()
    {
        // The issuer is the address the portal knows the provider by (a deployment fixes it with Gatekeeper:Identity:Issuer).
        using var provider = new HttpClient { BaseAddress = new UriBuilder(processes.Provider.BaseAddress) { Host = "localhost" }.Uri };
        var token = await provider.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "hospital-integration", ["client_secret"] = MachineSecret, ["scope"] = "gatekeeper.api",
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;

        using var api = processes.Portal.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/catalogue/datasets")).StatusCode);

        var revoke = await provider.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = accessToken, ["client_id"] = "hospital-integration", ["client_secret"] = MachineSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/catalogue/datasets")).StatusCode);
    }

    /// <summary>Portal → provider sign-in form → first-sign-in password change → portal.</summary>
    private static async Task<string> SignInAsync(HttpClient client, string email, string oneTimePassword)
    {
        var response = await client.GetAsync("/account/sign-in?returnUrl=%2F");
        for (var step = 0; step < 20; step++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                var location = response.Headers.Location!;
                if (!location.IsAbsoluteUri) location = new Uri(response.RequestMessage!.RequestUri!, location);
                if (location.Authority == client.BaseAddress!.Authority && location.PathAndQuery == "/") return "/";
                response = await client.GetAsync(location);
                continue;
            }

            var uri = response.RequestMessage!.RequestUri!;
            var html = await response.Content.ReadAsStringAsync();
            var origin = uri.GetLeftPart(UriPartial.Authority);
            response = uri.AbsolutePath switch
            {
                "/identity/sign-in" when !html.Contains("data-testid=\"form-error\"", StringComparison.Ordinal) =>
                    await OidcBrowser.PostAsync(client, origin + "/identity/sign-in", html, new() { ["email"] = email, ["password"] = oneTimePassword }),
                "/identity/change-password" => await OidcBrowser.PostAsync(client, origin + "/identity/change-password", html, new()
                {
                    ["currentPassword"] = oneTimePassword, ["newPassword"] = GatekeeperWebHost.TestPassword, ["confirmPassword"] = GatekeeperWebHost.TestPassword,
                }),
                _ => throw new InvalidOperationException($"Unexpected page {uri}: {(int)response.StatusCode} {html[..Math.Min(400, html.Length)]}"),
            };
        }

        throw new InvalidOperationException("The sign-in did not finish within 20 steps.");
    }
}
