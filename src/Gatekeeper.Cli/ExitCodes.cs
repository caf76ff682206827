namespace Gatekeeper.Cli;

/// <summary>The tool's exit codes, for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A file was refused (error rate, unknown header, no rows) or an import failed: nothing of it was published; or an archiving/export request was refused.</summary>
    public const int Refused = 1;

    /// <summary>The command line was wrong: unknown command or option, bad value, missing file, bad setting.</summary>
    public const int BadInput = 2;

    /// <summary>The store, a file or a key could not be read, or something unexpected failed: nothing was checked or changed.</summary>
    public const int Unavailable = 3;

    /// <summary><c>verify-audit</c> found the audit chain broken (tampered, missing, reordered, inserted or truncated entries, or a bad signature).</summary>
    public const int ChainBroken = 4;
}
