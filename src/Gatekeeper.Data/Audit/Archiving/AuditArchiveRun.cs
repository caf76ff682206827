using Gatekeeper.Audit.Archive;

namespace Gatekeeper.Data.Audit.Archiving;

/// <summary>What one archiving run did: the files written (none when nothing was due), the cut-off and the folder.</summary>
public sealed record AuditArchiveRun(IReadOnlyList<AuditArchiveFile> Files, DateTimeOffset Cutoff, string Folder)
{
    public long Entries => Files.Sum(f => f.Entries);
}
