namespace Gatekeeper.Cli.Tests;

/// <summary>Exit code and the text a command printed.</summary>
internal sealed record CliRun(int Exit, string Output, string Error)
{
    public override string ToString() => $"exit {Exit}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
