using System.Security.Cryptography;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Chain;

/// <summary>
/// Verifies a chain in one streaming pass (constant memory): contiguous sequence numbers, each
/// entry's hash recomputed, each link to the previous hash, and every signed checkpoint both
/// authentic and matching the entry at its position. Detects edited, deleted, reordered and
/// inserted entries at their position, and truncation behind a checkpoint.
/// </summary>
public sealed class ChainVerifier
{
    private readonly Queue<Checkpoint> _pending;
    private readonly Func<string, ECDsa?> _publicKeyFor;
    private long _expected;
    private string _previousHash;
    private long _count;
    private int _verifiedCheckpoints;
    private VerificationResult? _broken;

    public ChainVerifier(IEnumerable<Checkpoint> checkpoints, Func<string, ECDsa?> publicKeyFor, ChainAnchor? anchor = null)
    {
        anchor ??= ChainAnchor.Beginning;
        _pending = new Queue<Checkpoint>(checkpoints.Where(c => c.Sequence >= anchor.FirstSequence).OrderBy(c => c.Sequence));
        _publicKeyFor = publicKeyFor;
        _expected = anchor.FirstSequence;
        _previousHash = anchor.PreviousHash;
    }

    public static VerificationResult Verify(IEnumerable<ChainedEntry> entries, IEnumerable<Checkpoint> checkpoints, Func<string, ECDsa?> publicKeyFor, ChainAnchor? anchor = null)
    {
        var verifier = new ChainVerifier(checkpoints, publicKeyFor, anchor);
        foreach (var entry in entries)
        {
            if (!verifier.Step(entry)) break;
        }

        return verifier.Finish();
    }

    public static async Task<VerificationResult> VerifyAsync(IAsyncEnumerable<ChainedEntry> entries, IEnumerable<Checkpoint> checkpoints, Func<string, ECDsa?> publicKeyFor, ChainAnchor? anchor = null, CancellationToken cancellationToken = default)
    {
        var verifier = new ChainVerifier(checkpoints, publicKeyFor, anchor);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            if (!verifier.Step(entry)) break;
        }

        return verifier.Finish();
    }

    /// <summary>Checks the next entry; false once the chain is found broken (further entries are ignored).</summary>
    public bool Step(ChainedEntry entry)
    {
        if (_broken is not null) return false;
        _broken = Check(entry);
        if (_broken is not null) return false;
        _previousHash = entry.Hash;
        _expected++;
        _count++;
        return true;
    }

    public VerificationResult Finish()
    {
        if (_broken is not null) return _broken;
        if (_pending.Count > 0)
        {
            var checkpoint = _pending.Peek();
            return CheckCheckpoint(checkpoint) is { } problem
                ? VerificationResult.Broken(_count, _verifiedCheckpoints, checkpoint.Sequence, problem)
                : VerificationResult.Broken(_count, _verifiedCheckpoints, _expected,
                    $"the chain ends at #{_expected - 1} but a signed checkpoint vouches for #{checkpoint.Sequence}: truncated");
        }

        return VerificationResult.Valid(_count, _verifiedCheckpoints, _count == 0 ? null : _expected - 1);
    }

    private VerificationResult? Check(ChainedEntry entry)
    {
        if (entry.Sequence != _expected)
            return Broken(_expected, entry.Sequence > _expected
                ? $"entry #{_expected} is missing (next present is #{entry.Sequence}): deleted"
                : $"entry #{entry.Sequence} appears where #{_expected} belongs: reordered or inserted");
        if (entry.PreviousHash != _previousHash)
            return Broken(_expected, "its link to the previous entry does not match: an entry before it was removed, inserted or reordered");
        if (EntryHasher.Hash(entry.Sequence, entry.Record, entry.PreviousHash) != entry.Hash)
            return Broken(_expected, "its content does not match its hash: edited");

        while (_pending.Count > 0 && _pending.Peek().Sequence == entry.Sequence)
        {
            var checkpoint = _pending.Dequeue();
            if (CheckCheckpoint(checkpoint) is { } problem) return Broken(entry.Sequence, problem);
            if (checkpoint.EntryHash != entry.Hash)
                return Broken(entry.Sequence, "the signed checkpoint at this position records a different hash: the chain up to here was rewritten");
            _verifiedCheckpoints++;
        }

        return _pending.Count > 0 && _pending.Peek().Sequence < entry.Sequence
            ? Broken(_pending.Peek().Sequence, "a checkpoint refers to an entry that is not in the chain")
            : null;
    }

    private VerificationResult Broken(long position, string why) => VerificationResult.Broken(_count, _verifiedCheckpoints, position, why);

    private string? CheckCheckpoint(Checkpoint checkpoint)
    {
        var key = _publicKeyFor(checkpoint.KeyId);
        if (key is null) return $"checkpoint #{checkpoint.Sequence} is signed with unknown key {checkpoint.KeyId}";
        return CheckpointSigner.Verify(checkpoint, key) ? null : $"checkpoint #{checkpoint.Sequence} has an invalid signature";
    }
}
