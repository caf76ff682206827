using System.Security.Cryptography;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Chain;

/// <summary>
/// Verifies a chain in one streaming pass: contiguous sequence numbers, each entry's hash recomputed,
/// each link to the previous hash, and every signed checkpoint both authentic and matching the entry
/// at its position. Detects edited, deleted, reordered and inserted entries at their position, and
/// truncation behind a checkpoint.
/// </summary>
public static class ChainVerifier
{
    public static VerificationResult Verify(
        IEnumerable<ChainedEntry> entries,
        IEnumerable<Checkpoint> checkpoints,
        Func<string, ECDsa?> publicKeyFor,
        ChainAnchor? anchor = null)
    {
        anchor ??= ChainAnchor.Beginning;
        var pending = new Queue<Checkpoint>(checkpoints.Where(c => c.Sequence >= anchor.FirstSequence).OrderBy(c => c.Sequence));
        var expected = anchor.FirstSequence;
        var previousHash = anchor.PreviousHash;
        long count = 0;
        var verifiedCheckpoints = 0;

        foreach (var entry in entries)
        {
            if (entry.Sequence != expected)
                return VerificationResult.Broken(count, verifiedCheckpoints, expected,
                    entry.Sequence > expected
                        ? $"entry #{expected} is missing (next present is #{entry.Sequence}): deleted"
                        : $"entry #{entry.Sequence} appears where #{expected} belongs: reordered or inserted");
            if (entry.PreviousHash != previousHash)
                return VerificationResult.Broken(count, verifiedCheckpoints, expected,
                    "its link to the previous entry does not match: an entry before it was removed, inserted or reordered");
            if (EntryHasher.Hash(entry.Sequence, entry.Record, entry.PreviousHash) != entry.Hash)
                return VerificationResult.Broken(count, verifiedCheckpoints, expected, "its content does not match its hash: edited");

            while (pending.Count > 0 && pending.Peek().Sequence == entry.Sequence)
            {
                var checkpoint = pending.Dequeue();
                if (CheckCheckpoint(checkpoint, publicKeyFor) is { } problem)
                    return VerificationResult.Broken(count, verifiedCheckpoints, entry.Sequence, problem);
                if (checkpoint.EntryHash != entry.Hash)
                    return VerificationResult.Broken(count, verifiedCheckpoints, entry.Sequence,
                        "the signed checkpoint at this position records a different hash: the chain up to here was rewritten");
                verifiedCheckpoints++;
            }

            if (pending.Count > 0 && pending.Peek().Sequence < entry.Sequence)
                return VerificationResult.Broken(count, verifiedCheckpoints, pending.Peek().Sequence, "a checkpoint refers to an entry that is not in the chain");

            previousHash = entry.Hash;
            expected++;
            count++;
        }

        if (pending.Count > 0)
        {
            var checkpoint = pending.Peek();
            return CheckCheckpoint(checkpoint, publicKeyFor) is { } problem
                ? VerificationResult.Broken(count, verifiedCheckpoints, checkpoint.Sequence, problem)
                : VerificationResult.Broken(count, verifiedCheckpoints, expected,
                    $"the chain ends at #{expected - 1} but a signed checkpoint vouches for #{checkpoint.Sequence}: truncated");
        }

        return VerificationResult.Valid(count, verifiedCheckpoints, count == 0 ? null : expected - 1);
    }

    private static string? CheckCheckpoint(Checkpoint checkpoint, Func<string, ECDsa?> publicKeyFor)
    {
        var key = publicKeyFor(checkpoint.KeyId);
        if (key is null) return $"checkpoint #{checkpoint.Sequence} is signed with unknown key {checkpoint.KeyId}";
        return CheckpointSigner.Verify(checkpoint, key) ? null : $"checkpoint #{checkpoint.Sequence} has an invalid signature";
    }
}
