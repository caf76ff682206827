using System.Net;
using Gatekeeper.Data.Identity;
using Gatekeeper.Data.Seeding;
using Gatekeeper.Domain.Common;
using Gatekeeper.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Gatekeeper.IntegrationTests;

/// <summary>
/// The real web application on a real Kestrel loopback port, with its own temporary data folder.
/// Settings override configuration (e.g. the database provider or upload limits).
/// </summary>
public sealed class GatekeeperWebHost : WebApplicationFactory<Program>
{
    private readonly string _environment;
    private readonly Dictionary<string, string?> _settings;

    public GatekeeperWebHost(string environment = "Development", IDictionary<string, string?>? settings = null, int port = 0)
    {
        _environment = environment;
        DataFolder = Path.Combine(Path.GetTempPath(), "gatekeeper-it", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Gatekeeper:DataFolder"] = DataFolder,
            ["Gatekeeper:Policies:Folder"] = RepositoryPaths.Policies,
            ["Gatekeeper:Logging:Json"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // All test clients share 127.0.0.1; the rate-limit test sets its own low limit.
            ["Gatekeeper:Identity:RequestsPerMinute"] = "10000",
            // The first-run demo import (2,000 synthetic participants) is for people; tests that need it turn it on.
            ["Gatekeeper:Onboarding:DemoImport"] = "false",
            // No sandboxed worker started ahead of runs in every test host (the enclave tests cover warm workers).
            ["VisitingEnvironment:WarmWorkers"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        UseKestrel(port);
    }

    public string DataFolder { get; }


    /// <summary>Base address of the running server (http://127.0.0.1:port/).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseContentRoot(Path.Combine(RepositoryPaths.Root, "src", "Gatekeeper.Web"));
        // UseSetting (not ConfigureAppConfiguration) so settings are visible while Program builds its services.
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> _cookies = [];

    /// <summary>An HTTP client with its own cookie jar that does not follow redirects.</summary>
    public HttpClient NewClient()
    {
        StartServer();
        var jar = new CookieContainer();
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar, UseCookies = true };
        var client = new HttpClient(handler) { BaseAddress = ClientOptions.BaseAddress };
        _cookies.Add(client, jar);
        return client;
    }

    /// <summary>The cookies a client made with <see cref="NewClient"/> holds.</summary>
    public CookieCollection CookiesOf(HttpClient client) =>
        _cookies.TryGetValue(client, out var jar) ? jar.GetAllCookies() : throw new ArgumentException("Not a client of this host.", nameof(client));

    public const string TestPassword = "correct horse battery staple";

    private readonly Dictionary<string, string?> _totpKeys = [];

    /// <summary>
    /// Signs in through the real OpenID Connect flow (password, and TOTP for roles that require MFA).
    /// The account's password (and authenticator) are set once per host so the test knows them.
    /// </summary>
    public async Task<HttpClient> SignInAsync(string userId)
    {
        var (email, key) = await ArrangeCredentialsAsync(userId);
        var client = NewClient();
        var response = await OidcBrowser.SignInAsync(client, email, TestPassword, key);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
            throw new InvalidOperationException($"Sign-in as {userId} failed at {response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Gives the account a known password (and, for MFA roles, an authenticator key); returns its e-mail and TOTP key.</summary>
    public async Task<(string Email, string? TotpKey)> ArrangeCredentialsAsync(string userId)
    {
        StartServer();
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GatekeeperUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No account {userId}.");
        if (_totpKeys.TryGetValue(userId, out var known)) return (user.Email!, known);

        await users.RemovePasswordAsync(user);
        Check(await users.AddPasswordAsync(user, TestPassword));
        user.MustChangePassword = false;
        Check(await users.UpdateAsync(user));
        var profile = DemoDirectory.Users.First(u => u.Id == userId);
        string? key = null;
        if (Roles.RequireMfa(profile.Roles))
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }

        _totpKeys[userId] = key;
        return (user.Email!, key);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files never fail a test.
        }
    }

}
