using System.Net;
using Gatekeeper.Testing;
using Microsoft.Extensions.Options;

namespace Gatekeeper.IntegrationTests;

/// <summary>Settings are checked at start-up, and the development sign-in does not exist outside Development.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task There_is_no_password_free_sign_in_in_any_environment()
    {
        using var host = new GatekeeperWebHost("Production");
        using var client = host.NewClient();

        using var post = await client.PostAsync("/account/dev-sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["userId"] = "admin-yamada" }));
        Assert.False(post.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("gatekeeper.auth", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/applications")).StatusCode);
    }

    [Fact]
    public void A_separate_provider_without_a_client_secret_stops_the_app_naming_the_setting()
    {
        using var host = new GatekeeperWebHost(settings: new Dictionary<string, string?> { ["Gatekeeper:Portal:Authority"] = "https://idp.example/" });
        var error = Assert.ThrowsAny<Exception>(() => host.NewClient());
        Assert.Contains("Gatekeeper:Portal:ClientSecret", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_stops_the_app_naming_the_setting()
    {
        using var host = new GatekeeperWebHost(settings: new Dictionary<string, string?> { ["Gatekeeper:Database:Provider"] = "Postgres" });
        var error = Assert.ThrowsAny<Exception>(() => host.NewClient());
        Assert.Contains("Gatekeeper:Database:ConnectionString", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portal_runs_on_PostgreSQL_selected_by_connection_string()
    {
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(TestStore.RequirePostgres());
        var database = $"gk_it_{Guid.NewGuid():N}";
        await using (var connection = new Npgsql.NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection).ExecuteNonQueryAsync();
        }

        try
        {
            admin.Database = database;
            using var host = new GatekeeperWebHost(settings: new Dictionary<string, string?>
            {
                ["Gatekeeper:Database:Provider"] = "Postgres",
                ["Gatekeeper:Database:ConnectionString"] = admin.ConnectionString,
            });
            var client = await host.SignInAsync("researcher-sato");
            var health = await client.GetStringAsync("/healthz");
            Assert.Contains("Npgsql", health, StringComparison.Ordinal);
            var list = await client.GetStringAsync("/api/v1/applications");
            Assert.Contains("GK-DEMO-0001", list, StringComparison.Ordinal);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(TestStore.RequirePostgres());
            await connection.OpenAsync();
            await new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection).ExecuteNonQueryAsync();
        }
    }

    private static string Flatten(Exception e) =>
        e is OptionsValidationException o ? string.Join(" ", o.Failures) + e.Message
        : e.InnerException is null ? e.Message : e.Message + " " + Flatten(e.InnerException);
}
