using Gatekeeper.Testing;

namespace Gatekeeper.Cli.Tests;

/// <summary>Runs the <c>gatekeeper</c> command in-process and captures what it prints.</summary>
internal static class Cli
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>The options that point the CLI at a test store.</summary>
    public static string[] StoreOptions(TestStore store)
    {
        var database = store.Get<Microsoft.Extensions.Options.IOptions<Data.DatabaseOptions>>().Value;
        return store.Provider == Data.DatabaseProvider.Postgres
            ? ["--data-folder", store.DataFolder, "--provider", "Postgres", "--connection-string", database.ConnectionString!]
            : ["--data-folder", store.DataFolder];
    }
}
