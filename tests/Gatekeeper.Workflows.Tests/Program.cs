using Gatekeeper.Workflows.Tests.Crash;

namespace Gatekeeper.Workflows.Tests;

/// <summary>
/// Entry point of the test assembly as a program: the crash test starts it as a child process
/// (<c>dotnet Gatekeeper.Workflows.Tests.dll crash-host …</c>) that works the engine until it is killed.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == CrashHost.Command) return await CrashHost.RunAsync(args[1..]);
        await Console.Error.WriteLineAsync("This is a test assembly; run it with 'dotnet test'.");
        return 2;
    }
}
