namespace Gatekeeper.Cli;

/// <summary>The tool's exit codes, for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A file was refused (error rate, unknown header, no rows) or an import failed: nothing of it was published.</summary>
    public const int Refused = 1;

    /// <summary>The command line was wrong: unknown command or option, bad value, missing file.</summary>
    public const int BadInput = 2;
}
