using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.IntegrationTests;

/// <summary>
/// Enumerates every endpoint and page the application maps and proves each refuses an anonymous
/// caller, except a short, reviewed list of deliberately public routes.
/// </summary>
public sealed partial class EveryRouteTests(EveryRouteTests.Host host) : IClassFixture<EveryRouteTests.Host>
{
    public sealed class Host : IDisposable
    {
        public GatekeeperWebHost Web { get; } = new();

        public void Dispose() => Web.Dispose();
    }

    /// <summary>Routes that are public on purpose: sign-in and protocol endpoints, health, API description, errors, static files.</summary>
    private static readonly string[] PublicPrefixes =
    [
        "/account/sign-in", "/identity/", "/connect/", "/.well-known/", "/healthz", "/openapi/", "/api/docs", "/culture/set",
        "/not-found", "/error", "/signin-oidc", "/signout-callback-oidc", "/_content/", "/_framework/", "/_blazor",
    ];

    [Fact]
    public void Every_endpoint_either_requires_authorisation_or_is_deliberately_public()
    {
        var unexpected = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && !IsPublic(e) && !IsStaticFile(e))
            .Select(Describe)
            .ToList();
        Assert.True(unexpected.Count == 0, "Anonymous endpoints not on the public list: " + string.Join(", ", unexpected));
    }

    [Fact]
    public async Task Every_protected_endpoint_refuses_an_anonymous_request()
    {
        using var client = host.Web.NewClient();
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var endpoint in Endpoints().Where(e => !IsPublic(e) && !IsStaticFile(e)))
        {
            var path = Concrete(endpoint.RoutePattern.RawText!);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                checkedCount++;
                var refused = response.StatusCode == HttpStatusCode.Unauthorized
                              || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal));
                if (!refused) failures.Add($"{method} {path} → {(int)response.StatusCode}");
            }
        }

        Assert.True(checkedCount > 20, $"Only {checkedCount} endpoints were checked; the enumeration is broken.");
        Assert.True(failures.Count == 0, "Anonymous requests were not refused: " + string.Join("; ", failures));
    }

    private IEnumerable<RouteEndpoint> Endpoints()
    {
        host.Web.NewClient().Dispose();
        return host.Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null);
    }

    private static bool IsPublic(RouteEndpoint e)
    {
        var path = "/" + e.RoutePattern.RawText!.TrimStart('/');
        return PublicPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Fingerprinted static web assets (css, js, fonts) are public files.</summary>
    private static bool IsStaticFile(RouteEndpoint e) => StaticFile().IsMatch(e.RoutePattern.RawText!);

    private static string Describe(RouteEndpoint e) => $"{string.Join("/", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}";

    /// <summary>Fills route parameters with plausible values (a GUID for ids) so the route matches.</summary>
    private static string Concrete(string pattern) =>
        "/" + RouteParameter().Replace(pattern.TrimStart('/'), m => m.Value.Contains(":guid", StringComparison.Ordinal) || m.Value.Contains("id", StringComparison.OrdinalIgnoreCase)
            ? Guid.NewGuid().ToString()
            : "x");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\.(css|js|mjs|map|woff2?|ttf|png|svg|ico|json|gz|br)$|^_content/|^_framework/")]
    private static partial Regex StaticFile();
}
