using System.Net;
using System.Text.RegularExpressions;
using Gatekeeper.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Gatekeeper.IntegrationTests;

/// <summary>
/// The real web application on a real Kestrel loopback port, with its own temporary data folder.
/// Settings override configuration (e.g. the database provider or upload limits).
/// </summary>
public sealed partial class GatekeeperWebHost : WebApplicationFactory<Program>
{
    private readonly string _environment;
    private readonly Dictionary<string, string?> _settings;

    public GatekeeperWebHost(string environment = "Development", IDictionary<string, string?>? settings = null)
    {
        _environment = environment;
        DataFolder = Path.Combine(Path.GetTempPath(), "gatekeeper-it", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Gatekeeper:DataFolder"] = DataFolder,
            ["Gatekeeper:Policies:Folder"] = RepositoryPaths.Policies,
            ["Gatekeeper:Logging:Json"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        UseKestrel(0);
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
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
    }

    /// <summary>An HTTP client with its own cookie jar that does not follow redirects.</summary>
    public HttpClient NewClient()
    {
        StartServer();
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true };
        return new HttpClient(handler) { BaseAddress = ClientOptions.BaseAddress };
    }

    /// <summary>Signs in through the development sign-in form, antiforgery token included, as a browser would.</summary>
    public async Task<HttpClient> SignInAsync(string userId)
    {
        var client = NewClient();
        var page = await client.GetStringAsync("/account/sign-in");
        var token = AntiforgeryField().Match(page);
        if (!token.Success) throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        using var response = await client.PostAsync("/account/dev-sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = userId,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString() != "/")
            throw new InvalidOperationException($"Sign-in as {userId} failed: {(int)response.StatusCode} {response.Headers.Location}");
        return client;
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

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
