using System.CommandLine;
using Gatekeeper.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gatekeeper.Cli.Audit;

/// <summary>
/// The options that say which store a command works on, resolved the way the web app resolves them:
/// an optional settings file (the web app's <c>appsettings.json</c>), then environment variables
/// (<c>Gatekeeper__Database__Provider</c>, <c>Gatekeeper__Database__ConnectionString</c>, <c>Gatekeeper__DataFolder</c>,
/// <c>GATEKEEPER_DATA</c>), then these options. SQLite without a connection string is <c>gatekeeper.db</c> in the data folder.
/// </summary>
internal sealed class StoreArguments
{
    private readonly Option<DirectoryInfo?> _dataFolder = new("--data-folder")
    {
        Description = "The data folder (database, audit keys, archives); default: Gatekeeper:DataFolder, $GATEKEEPER_DATA or ./data.",
    };

    private readonly Option<string?> _provider = new("--provider") { Description = "Sqlite or Postgres; default: Gatekeeper:Database:Provider, else Sqlite." };

    private readonly Option<string?> _connectionString = new("--connection-string")
    {
        Description = "Database connection string; default: Gatekeeper:Database:ConnectionString (required for Postgres).",
    };

    private readonly Option<FileInfo> _settings = new("--settings")
    {
        Description = "The web app's appsettings.json to read Gatekeeper:* settings from (a relative data folder is then resolved beside it).",
    };

    public StoreArguments()
    {
        _provider.AcceptOnlyFromAmong("Sqlite", "Postgres", "sqlite", "postgres");
        _settings.AcceptExistingOnly();
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_dataFolder);
        command.Options.Add(_provider);
        command.Options.Add(_connectionString);
        command.Options.Add(_settings);
    }

    /// <summary>Whether --data-folder was given on the command line.</summary>
    public bool DataFolderGiven(ParseResult parse) => parse.GetResult(_dataFolder) is { Implicit: false };

    /// <summary>The services of the store, or the reason they cannot be set up (a bad setting).</summary>
    public StoreSession Open(ParseResult parse, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var settingsFile = parse.GetValue(_settings);
        var builder = new ConfigurationBuilder();
        if (settingsFile is not null) builder.AddJsonFile(settingsFile.FullName, optional: false);
        builder.AddEnvironmentVariables();
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(_provider) is { } provider) overrides[$"{DatabaseOptions.Section}:Provider"] = provider;
        if (parse.GetValue(_connectionString) is { } cs) overrides[$"{DatabaseOptions.Section}:ConnectionString"] = cs;
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>()) overrides[key] = value;
        var configuration = builder.AddInMemoryCollection(overrides).Build();

        var contentRoot = settingsFile?.DirectoryName ?? Environment.CurrentDirectory;
        var folder = parse.GetValue(_dataFolder)?.FullName
            ?? (configuration["Gatekeeper:DataFolder"] is { Length: > 0 } configured ? Path.GetFullPath(configured, contentRoot) : null)
            ?? (Environment.GetEnvironmentVariable("GATEKEEPER_DATA") is { Length: > 0 } env ? Path.GetFullPath(env) : Path.GetFullPath("data"));

        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(new DataFolder(folder))
            .AddGatekeeperData(configuration)
            .BuildServiceProvider();
        return new StoreSession(services, folder);
    }

    /// <summary>Where the store is, for messages (never the password).</summary>
    public static string Describe(DatabaseOptions options, string dataFolder) => options.Provider switch
    {
        DatabaseProvider.Postgres when TryPostgres(options.ConnectionString) is { } b => $"PostgreSQL database '{b.Database}' on {b.Host}:{b.Port}",
        DatabaseProvider.Postgres => "PostgreSQL",
        _ => string.IsNullOrWhiteSpace(options.ConnectionString) ? $"SQLite {Path.Combine(dataFolder, "gatekeeper.db")}" : "SQLite (configured connection string)",
    };

    private static NpgsqlConnectionStringBuilder? TryPostgres(string? cs)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(cs);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
