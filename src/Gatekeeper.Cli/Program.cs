using System.CommandLine;
using Gatekeeper.Cli;
using Gatekeeper.Cli.Commands;

var root = new RootCommand("gatekeeper: command-line tools of the Gatekeeper trusted research environment.")
{
    DemoDataCommand.Create(),
    IngestCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) await Console.Error.WriteLineAsync(error.Message);
    await Console.Error.WriteLineAsync("Run 'gatekeeper --help' or 'gatekeeper <command> --help' for usage.");
    return ExitCodes.BadInput;
}

return await parse.InvokeAsync();
