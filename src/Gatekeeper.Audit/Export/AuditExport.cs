using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Export;

/// <summary>
/// A small export held in memory (tests, a console selection): a header with the public keys and the anchor,
/// the checkpoints inside the range, then the entries. Large ranges are written with
/// <see cref="AuditExportWriter"/> and verified with <see cref="AuditFileVerifier"/>, which stream.
/// </summary>
public sealed record AuditExport(ChainAnchor Anchor, IReadOnlyDictionary<string, string> PublicKeys, IReadOnlyList<ChainedEntry> Entries, IReadOnlyList<Checkpoint> Checkpoints)
{
    public const string Format = AuditExportHeader.Format;

    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        await using var writer = new AuditExportWriter(stream, leaveOpen: true);
        await writer.WriteHeaderAsync(new AuditExportHeader(Anchor, PublicKeys) { LastSequence = Entries.Count > 0 ? Entries[^1].Sequence : null }, cancellationToken);
        foreach (var checkpoint in Checkpoints.OrderBy(c => c.Sequence)) await writer.WriteCheckpointAsync(checkpoint, cancellationToken);
        foreach (var entry in Entries) await writer.WriteEntryAsync(entry, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Reads a whole export; a malformed line is reported with its line number.</summary>
    public static async Task<AuditExport> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        using var reader = await AuditExportReader.OpenAsync(stream, cancellationToken);
        var entries = new List<ChainedEntry>();
        var checkpoints = new List<Checkpoint>();
        while (await reader.ReadAsync(cancellationToken) is { } item)
        {
            if (item.Entry is { } entry) entries.Add(entry);
            else checkpoints.Add(item.Checkpoint!);
        }

        return new AuditExport(reader.Header.Anchor, reader.Header.PublicKeys, entries, checkpoints);
    }

    /// <summary>
    /// Verifies the export on its own, with the public keys it carries. An export could carry a forger's
    /// key, so pass the gatekeeper's published key ids in <paramref name="trustedKeyIds"/> to accept only those.
    /// </summary>
    public VerificationResult Verify(IReadOnlySet<string>? trustedKeyIds = null)
    {
        using var keys = new TrustedKeys();
        foreach (var (id, key) in PublicKeys)
        {
            if (trustedKeyIds is null || trustedKeyIds.Contains(id)) keys.TryAdd(id, key);
        }

        return ChainVerifier.Verify(Entries, Checkpoints, keys.Get, Anchor);
    }
}
