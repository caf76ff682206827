namespace Gatekeeper.Workflows.Tests.Crash;

/// <summary>Placeholder replaced below.</summary>
public static class CrashHost
{
    public const string Command = "crash-host";

    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
}
