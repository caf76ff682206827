using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.IntegrationTests;

/// <summary>
/// The audit console on the real host: every console page and API refuses everybody but certified operators, the
/// operator reaches all of them, and reading them changes nothing in the store (only an export adds its own entry).
/// </summary>
public sealed partial class AuditConsoleAccessTests(AuditConsoleAccessTests.Host host) : IClassFixture<AuditConsoleAccessTests.Host>
{
    public sealed class Host : IDisposable
    {
        public GatekeeperWebHost Web { get; } = new();

        public void Dispose() => Web.Dispose();
    }

    private const string Operator = "operator-yoshida";

    public static TheoryData<string> NotOperators => new()
    {
        "researcher-sato", "researcher-suzuki", "steward-ito", "reviewer-yamamoto", "chair-nakamura", "checker-kobayashi", "admin-yamada",
    };

    [Fact]
    public void The_console_maps_its_pages_and_api()
    {
        var routes = ConsoleRoutes().ToList();
        foreach (var expected in new[] { "/audit", "/audit/log", "/audit/lineage", "/audit/lineage/P-42", "/audit/alerts", "/audit/verification", "/audit/export",
                     "/api/v1/audit/entries", "/api/v1/audit/entries/1", "/api/v1/audit/permits/P-42/lineage", "/api/v1/audit/dashboard", "/api/v1/audit/alerts", "/api/v1/audit/verification" })
            Assert.Contains(expected, routes);
    }

    [Theory]
    [MemberData(nameof(NotOperators))]
    public async Task Everybody_but_certified_operators_is_refused_on_every_console_route(string userId)
    {
        var client = await host.Web.SignInAsync(userId);
        var failures = new List<string>();
        foreach (var path in ConsoleRoutes())
        {
            using var response = await client.GetAsync(path);
            var refused = path.StartsWith("/api/", StringComparison.Ordinal)
                ? response.StatusCode == HttpStatusCode.Forbidden
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal);
            if (!refused) failures.Add($"{path} → {(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.True(failures.Count == 0, $"{userId} was not refused: " + string.Join("; ", failures));
    }

    [Fact]
    public async Task Anonymous_callers_are_sent_to_sign_in_or_get_401()
    {
        using var client = host.Web.NewClient();
        foreach (var path in ConsoleRoutes())
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized
                        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal)),
                $"{path} → {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_operator_reaches_every_page_and_api_and_reading_changes_nothing()
    {
        var client = await host.Web.SignInAsync(Operator);
        var before = await SnapshotAsync();

        foreach (var path in new[] { "/audit", "/audit/log", "/audit/lineage", "/audit/alerts", "/audit/verification", "/audit/log?actor=operator-yoshida&outcome=Succeeded" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} → {(int)response.StatusCode}");
            Assert.DoesNotContain("data-testid=\"access-denied\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var lineage = await client.GetAsync("/audit/lineage/P-none"))
            Assert.Equal(HttpStatusCode.OK, lineage.StatusCode);

        var head = before.Head;
        foreach (var path in new[] { "/api/v1/audit/entries?pageSize=10", "/api/v1/audit/dashboard", "/api/v1/audit/alerts", "/api/v1/audit/verification", $"/api/v1/audit/entries/{head}" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        using (var missing = await client.GetAsync("/api/v1/audit/permits/P-none/lineage"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var after = await SnapshotAsync();
        Assert.Equal(before.Rows, after.Rows);
        Assert.Equal(before.Head, after.Head);
    }

    [Fact]
    public async Task The_api_searches_with_filters_and_names_bad_input()
    {
        var client = await host.Web.SignInAsync(Operator);

        using var search = await client.GetAsync($"/api/v1/audit/entries?actor={Operator}&action=auth.signed-in");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        using var json = JsonDocument.Parse(await search.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(Operator, i.GetProperty("actorId").GetString()));
        Assert.All(items, i => Assert.Equal(64, i.GetProperty("previousHash").GetString()!.Length));

        using var bad = await client.GetAsync("/api/v1/audit/entries?from=yesterday&outcome=Maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"field\":\"from\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"field\":\"outcome\"", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_downloads_a_verifiable_file_and_is_recorded_as_the_only_change()
    {
        var client = await host.Web.SignInAsync(Operator);
        var before = await SnapshotAsync();

        using var response = await client.GetAsync("/audit/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".jsonl", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(response.Headers.GetValues("X-Audit-Export-Sha256").Single(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        var report = await Gatekeeper.Audit.Export.AuditFileVerifier.VerifyAsync(
            [new Gatekeeper.Audit.Export.AuditFileSource("export.jsonl", () => new MemoryStream(bytes))], null, CancellationToken.None);
        Assert.True(report.Result.IsValid, report.Result.Message);
        Assert.Equal(before.Head, report.Result.LastSequence);

        var after = await SnapshotAsync();
        var search = host.Web.Services.GetRequiredService<AuditLogSearch>();
        var exported = Assert.Single((await search.SearchAsync(new AuditSearchQuery { Action = AuditActions.AuditExported, ActorId = Operator }, CancellationToken.None)).Items);
        Assert.Equal(Domain.Common.Roles.CertifiedOperator, exported.ActorRole);
        Assert.Equal(before.Head + 1, after.Head);
        Assert.Equal(exported.Sequence, after.Head);
        // Nothing but the log (the entry, its subject index row, perhaps a checkpoint) changed.
        var changed = before.Rows.Keys.Where(t => before.Rows[t] != after.Rows[t]).ToList();
        Assert.All(changed, t => Assert.StartsWith("audit_", t, StringComparison.Ordinal));

        using var refused = await client.GetAsync("/audit/export?from=2026-12-31&to=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"field\":\"to\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Row counts of every table of the store and the audit chain's head.</summary>
    private async Task<(Dictionary<string, long> Rows, long Head)> SnapshotAsync()
    {
        await using var db = await host.Web.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        Assert.Contains("audit_entries", tables);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            rows[table] = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var head = connection.CreateCommand();
        head.CommandText = "SELECT COALESCE(MAX(\"Sequence\"), 0) FROM audit_entries";
        return (rows, Convert.ToInt64(await head.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Every GET route of the console (pages and API), with sample values for its parameters.</summary>
    private IEnumerable<string> ConsoleRoutes()
    {
        host.Web.NewClient().Dispose();
        return host.Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p == "/audit" || p.StartsWith("/audit/", StringComparison.Ordinal) || p.StartsWith("/api/v1/audit", StringComparison.Ordinal))
            .Select(p => RouteParameter().Replace(p, m => m.Value.Contains(":long", StringComparison.Ordinal) ? "1" : "P-42"))
            .Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
