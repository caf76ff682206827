namespace Gatekeeper.Cli.Tests;

/// <summary>When there is no store to read, the commands say so plainly and exit 3.</summary>
public sealed class UnavailableStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gatekeeper-cli-empty-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_unreachable_postgres_server_is_reported_without_a_stack_trace()
    {
        var run = await Cli.RunAsync("verify-audit", "--data-folder", _folder, "--provider", "Postgres",
            "--connection-string", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");

        Assert.True(run.Exit == 3, run.ToString());
        Assert.Contains("Cannot read the audit log from PostgreSQL database 'none' on 127.0.0.1:1", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_without_a_database_is_reported()
    {
        var run = await Cli.RunAsync("verify-audit", "--data-folder", _folder);

        Assert.True(run.Exit == 3, run.ToString());
        Assert.Contains("Cannot read the audit log from SQLite", run.Error, StringComparison.Ordinal);
        Assert.Contains("no audit public key found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_names_the_setting()
    {
        var run = await Cli.RunAsync("verify-audit", "--data-folder", _folder, "--provider", "Postgres");

        Assert.Equal(2, run.Exit);
        Assert.Contains("Gatekeeper:Database:ConnectionString is required", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_bad_input() =>
        Assert.Equal(2, (await Cli.RunAsync("verify-audit", "--frobnicate")).Exit);
}
