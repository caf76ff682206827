using System.CommandLine;
using Gatekeeper.Cli.Audit;
using Gatekeeper.Cli.Check;
using Gatekeeper.Cli.Commands;

namespace Gatekeeper.Cli;

/// <summary>The <c>gatekeeper</c> command line: parses, runs a command, and turns any failure into a message and an exit code (never a stack trace).</summary>
internal static class CliApp
{
    public static RootCommand CreateRoot() => new("gatekeeper: command-line tools of the Gatekeeper trusted research environment.")
    {
        DemoDataCommand.Create(),
        IngestCommand.Create(),
        CheckCommand.Create(),
        VerifyAuditCommand.Create(),
        ExportAuditCommand.Create(),
        ArchiveAuditCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync("Run 'gatekeeper --help' or 'gatekeeper <command> --help' for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Cancelled.");
            return ExitCodes.Unavailable;
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync($"gatekeeper: failed: {ex.Message}");
            return ExitCodes.Unavailable;
        }
    }
}
