using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Export;

/// <summary>
/// Verifies export and archive files offline, streaming, as one chain when there are several (archive files in
/// order): each file's header must continue where the previous file ended, its entries and checkpoints are
/// checked by <see cref="ChainVerifier"/>, and its SHA-256 and range are compared with what the archive record
/// or manifest says. Files whose checkpoints come after their entries (the first export layout) are read twice:
/// once for the checkpoints, once for the entries.
/// </summary>
public static class AuditFileVerifier
{
    /// <param name="trusted">Keys to accept checkpoints from; null to use the keys the files carry (see <see cref="FileVerificationReport.UsedEmbeddedKeys"/>).</param>
    public static async Task<FileVerificationReport> VerifyAsync(IReadOnlyList<AuditFileSource> files, TrustedKeys? trusted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0) throw new ArgumentException("No file to verify.", nameof(files));
        using var embedded = new TrustedKeys();
        var keys = trusted ?? embedded;
        var result = await RunAsync(files, keys, trusted is null ? embedded : null, preloaded: null, cancellationToken);
        if (result is null)
        {
            // Checkpoints after entries: gather them in a first pass, then verify the entries.
            var checkpoints = new List<Checkpoint>();
            foreach (var file in files)
            {
                using var reader = await AuditExportReader.OpenAsync(file.Open(), cancellationToken);
                while (await reader.ReadCheckpointAsync(cancellationToken) is { Checkpoint: { } c }) checkpoints.Add(c);
            }

            result = await RunAsync(files, keys, trusted is null ? embedded : null, checkpoints, cancellationToken);
        }

        return new FileVerificationReport(result!, trusted is null, [.. keys.KeyIds], files.Count);
    }

    /// <summary>
    /// Feeds one file into <paramref name="verifier"/>, which must be at the point where the file starts.
    /// Returns <see cref="FeedOutcome.LateCheckpoints"/> when the file has checkpoints after the entries they vouch for.
    /// </summary>
    /// <param name="embeddedKeys">When not null, the keys the file's header carries are added to it.</param>
    /// <param name="ignoreCheckpointLines">True when the file's checkpoints were given to the verifier beforehand.</param>
    public static async Task<FeedOutcome> FeedAsync(ChainVerifier verifier, AuditFileSource file, TrustedKeys? embeddedKeys, bool ignoreCheckpointLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(file);
        using var hashing = file.ExpectedSha256 is null ? null : new HashingReadStream(file.Open());
        using var reader = await AuditExportReader.OpenAsync(hashing ?? file.Open(), cancellationToken);
        return await FeedAsync(verifier, file, reader, hashing, embeddedKeys, ignoreCheckpointLines, cancellationToken);
    }

    private static async Task<VerificationResult?> RunAsync(IReadOnlyList<AuditFileSource> files, TrustedKeys keys, TrustedKeys? embedded, IReadOnlyList<Checkpoint>? preloaded, CancellationToken cancellationToken)
    {
        ChainVerifier? verifier = null;
        string location = files[0].Name;
        foreach (var file in files)
        {
            location = file.Name;
            using var hashing = file.ExpectedSha256 is null ? null : new HashingReadStream(file.Open());
            using var reader = await AuditExportReader.OpenAsync(hashing ?? file.Open(), cancellationToken);
            if (verifier is null)
            {
                foreach (var (id, key) in reader.Header.PublicKeys) embedded?.TryAdd(id, key);
                verifier = new ChainVerifier(preloaded ?? [], id => keys.Get(id), reader.Header.Anchor);
            }

            var outcome = await FeedAsync(verifier, file, reader, hashing, embedded, preloaded is not null, cancellationToken);
            if (outcome == FeedOutcome.LateCheckpoints) return null;
            if (outcome == FeedOutcome.Broken) break;
        }

        return verifier!.Finish().At(location);
    }

    private static async Task<FeedOutcome> FeedAsync(ChainVerifier verifier, AuditFileSource file, AuditExportReader reader, HashingReadStream? hashing, TrustedKeys? embeddedKeys, bool ignoreCheckpointLines, CancellationToken cancellationToken)
    {
        var header = reader.Header;
        foreach (var (id, key) in header.PublicKeys) embeddedKeys?.TryAdd(id, key);
        if (file.ExpectedFirstSequence is { } first && header.Anchor.FirstSequence != first)
        {
            verifier.Fail(first, $"{file.Name} starts at #{header.Anchor.FirstSequence}, but the archive record says it starts at #{first}");
            return FeedOutcome.Broken;
        }

        if (header.Anchor.FirstSequence != verifier.NextSequence || header.Anchor.PreviousHash != verifier.PreviousHash)
        {
            verifier.Fail(verifier.NextSequence, $"{file.Name} starts at #{header.Anchor.FirstSequence}, but the chain before it ends at #{verifier.NextSequence - 1}{(header.Anchor.FirstSequence == verifier.NextSequence ? " with a different hash" : "")}: a file is missing, repeated or out of order");
            return FeedOutcome.Broken;
        }

        // Parsing on one thread, entry hashes and checkpoint signatures on the thread pool per batch, linking in order on this one.
        var outcome = await ChainFeed.RunAsync(verifier, async (feed, token) =>
        {
            while (await reader.ReadAsync(token) is { } item)
            {
                if (item.Checkpoint is { } checkpoint)
                {
                    if (!ignoreCheckpointLines) await feed.CheckpointAsync(checkpoint);
                }
                else
                {
                    await feed.EntryAsync(item.Entry!);
                }
            }
        }, cancellationToken);
        if (outcome != FeedOutcome.Completed) return outcome;

        var last = verifier.NextSequence - 1;
        if ((header.LastSequence ?? file.ExpectedLastSequence) is { } declared && last != declared)
        {
            verifier.Fail(verifier.NextSequence, $"{file.Name} ends at #{last}, but {(header.LastSequence is not null ? "its header" : "the archive record")} says it holds entries up to #{declared}: truncated");
            return FeedOutcome.Broken;
        }

        if (file.ExpectedLastSequence is { } expectedLast && last != expectedLast)
        {
            verifier.Fail(verifier.NextSequence, $"{file.Name} ends at #{last}, but the archive record says it holds entries up to #{expectedLast}");
            return FeedOutcome.Broken;
        }

        if (file.ExpectedSha256 is { } expectedSha && hashing is not null)
        {
            var actual = await hashing.FinishAsync(cancellationToken);
            if (!string.Equals(actual, expectedSha, StringComparison.OrdinalIgnoreCase))
            {
                verifier.Fail(header.Anchor.FirstSequence, $"{file.Name} was altered: its SHA-256 is {actual}, the archive record says {expectedSha}");
                return FeedOutcome.Broken;
            }
        }

        return FeedOutcome.Completed;
    }
}
