namespace Gatekeeper.Audit.Export;

/// <summary>
/// An export or archive file to verify, with what is known about it from elsewhere (an archive record or the
/// manifest): its SHA-256 and the range it must hold.
/// </summary>
public sealed record AuditFileSource(string Name, Func<Stream> Open)
{
    public string? ExpectedSha256 { get; init; }

    public long? ExpectedFirstSequence { get; init; }

    public long? ExpectedLastSequence { get; init; }

    public static AuditFileSource ForPath(string path) =>
        new(Path.GetFileName(path), () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous));
}
