using System.Security.Cryptography;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Chain;

/// <summary>
/// Verifies a chain in one streaming pass (constant memory): contiguous sequence numbers, each
/// entry's hash recomputed, each link to the previous hash, and every signed checkpoint both
/// authentic and matching the entry at its position. Detects edited, deleted, reordered and
/// inserted entries at their position, and truncation behind a checkpoint. Checkpoints may be given
/// up front or added as the stream goes (each before the entry it vouches for), so a caller can feed
/// several sources (archive files, then the live table) through one verifier as one chain.
/// </summary>
public sealed class ChainVerifier
{
    private readonly PriorityQueue<Pending, long> _pending = new();
    private readonly Func<string, ECDsa?> _publicKeyFor;
    private long _expected;
    private string _previousHash;
    private long _count;
    private int _verifiedCheckpoints;
    private long? _lastSigned;
    private VerificationResult? _broken;

    public ChainVerifier(IEnumerable<Checkpoint> checkpoints, Func<string, ECDsa?> publicKeyFor, ChainAnchor? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        anchor ??= ChainAnchor.Beginning;
        _publicKeyFor = publicKeyFor;
        _expected = anchor.FirstSequence;
        _previousHash = anchor.PreviousHash;
        if (anchor.Checkpoint is { } vouch)
        {
            if (vouch.Sequence != anchor.FirstSequence - 1 || vouch.EntryHash != anchor.PreviousHash)
                _broken = Broken(anchor.FirstSequence - 1, $"the starting point (#{anchor.FirstSequence - 1}) does not match the signed checkpoint that should vouch for it");
            else if (CheckCheckpoint(vouch) is { } problem)
                _broken = Broken(anchor.FirstSequence - 1, problem);
            else
            {
                _verifiedCheckpoints++;
                _lastSigned = vouch.Sequence;
            }
        }

        // Checkpoints before the starting point vouch for entries outside what is verified here.
        var first = anchor.FirstSequence;
        AddCheckpoints(checkpoints.Where(c => c.Sequence >= first));
    }

    /// <summary>The sequence number the next entry must have.</summary>
    public long NextSequence => _expected;

    /// <summary>The hash the next entry must link to.</summary>
    public string PreviousHash => _previousHash;

    public bool IsBroken => _broken is not null;

    public long EntriesChecked => _count;

    public static VerificationResult Verify(IEnumerable<ChainedEntry> entries, IEnumerable<Checkpoint> checkpoints, Func<string, ECDsa?> publicKeyFor, ChainAnchor? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var verifier = new ChainVerifier(checkpoints, publicKeyFor, anchor);
        foreach (var entry in entries)
        {
            if (!verifier.Step(entry)) break;
        }

        return verifier.Finish();
    }

    public static async Task<VerificationResult> VerifyAsync(IAsyncEnumerable<ChainedEntry> entries, IEnumerable<Checkpoint> checkpoints, Func<string, ECDsa?> publicKeyFor, ChainAnchor? anchor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var verifier = new ChainVerifier(checkpoints, publicKeyFor, anchor);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            if (!verifier.Step(entry)) break;
        }

        return verifier.Finish();
    }

    /// <summary>
    /// Adds checkpoints still ahead of the stream. One for an entry already checked cannot be honoured any
    /// more and is refused (the caller must give checkpoints before the entries they vouch for).
    /// </summary>
    public void AddCheckpoints(IEnumerable<Checkpoint> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        foreach (var checkpoint in checkpoints)
        {
            Enqueue(new Pending(checkpoint, false, null));
        }
    }

    /// <summary>
    /// Adds a checkpoint whose signature the caller has already checked with <see cref="CheckSignature"/> (e.g. on another
    /// thread while this one hashes): <paramref name="signatureProblem"/> is null when it verified.
    /// </summary>
    public void AddCheckedCheckpoint(Checkpoint checkpoint, string? signatureProblem)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Enqueue(new Pending(checkpoint, true, signatureProblem));
    }

    /// <summary>
    /// Null when the checkpoint's signature verifies with this verifier's keys, else what is wrong. A producer thread may call
    /// it while another thread calls <see cref="Step"/>, which does not use the keys for checkpoints added as checked.
    /// </summary>
    public string? CheckSignature(Checkpoint checkpoint) => CheckSignature(checkpoint, _publicKeyFor);

    /// <summary>Null when the checkpoint's signature verifies with a key <paramref name="publicKeyFor"/> knows, else what is wrong.</summary>
    public static string? CheckSignature(Checkpoint checkpoint, Func<string, ECDsa?> publicKeyFor)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(publicKeyFor);
        var key = publicKeyFor(checkpoint.KeyId);
        if (key is null) return $"checkpoint #{checkpoint.Sequence} is signed with unknown key {checkpoint.KeyId}";
        return CheckpointSigner.Verify(checkpoint, key) ? null : $"checkpoint #{checkpoint.Sequence} has an invalid signature";
    }

    /// <summary>Checks the next entry; false once the chain is found broken (further entries are ignored).</summary>
    public bool Step(ChainedEntry entry) => Step(entry, null);

    /// <summary>
    /// Checks the next entry like <see cref="Step(ChainedEntry)"/>, with its content hash already recomputed and compared by the
    /// caller (<see cref="EntryHasher.Matches"/>, e.g. on another thread ahead of the chain): <paramref name="contentMatches"/>
    /// is that result, or null to compute it here. Sequence and link are still checked here, first, in chain order.
    /// </summary>
    public bool Step(ChainedEntry entry, bool? contentMatches)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_broken is not null) return false;
        _broken = Check(entry, contentMatches);
        if (_broken is not null) return false;
        _previousHash = entry.Hash;
        _expected++;
        _count++;
        return true;
    }

    /// <summary>Records a break found outside the entries themselves (a missing or altered archive file).</summary>
    public void Fail(long position, string why) => _broken ??= Broken(position, why);

    public VerificationResult Finish()
    {
        if (_broken is not null) return _broken;
        if (_pending.Count > 0)
        {
            var pending = _pending.Peek();
            var checkpoint = pending.Checkpoint;
            return Problem(pending) is { } problem
                ? VerificationResult.Broken(_count, _verifiedCheckpoints, checkpoint.Sequence, problem)
                : VerificationResult.Broken(_count, _verifiedCheckpoints, _expected,
                    $"the chain ends at #{_expected - 1} but a signed checkpoint vouches for #{checkpoint.Sequence}: truncated");
        }

        return VerificationResult.Valid(_count, _verifiedCheckpoints, _count == 0 && _lastSigned is null ? null : _expected - 1, _lastSigned);
    }

    private VerificationResult? Check(ChainedEntry entry, bool? contentMatches)
    {
        if (entry.Sequence != _expected)
            return Broken(_expected, entry.Sequence > _expected
                ? $"entry #{_expected} is missing (next present is #{entry.Sequence}): deleted"
                : $"entry #{entry.Sequence} appears where #{_expected} belongs: reordered or inserted");
        if (entry.PreviousHash != _previousHash)
            return Broken(_expected, "its link to the previous entry does not match: an entry before it was removed, inserted or reordered");
        if (!(contentMatches ?? EntryHasher.Matches(entry.Sequence, entry.Record, entry.PreviousHash, entry.Hash)))
            return Broken(_expected, "its content does not match its hash: edited");

        while (_pending.Count > 0 && _pending.Peek().Checkpoint.Sequence == entry.Sequence)
        {
            var pending = _pending.Dequeue();
            var checkpoint = pending.Checkpoint;
            if (Problem(pending) is { } problem) return Broken(entry.Sequence, problem);
            if (checkpoint.EntryHash != entry.Hash)
                return Broken(entry.Sequence, "the signed checkpoint at this position records a different hash: the chain up to here was rewritten");
            _verifiedCheckpoints++;
            _lastSigned = entry.Sequence;
        }

        return _pending.Count > 0 && _pending.Peek().Checkpoint.Sequence < entry.Sequence
            ? Broken(_pending.Peek().Checkpoint.Sequence, "a checkpoint refers to an entry that is not in the chain")
            : null;
    }

    private void Enqueue(Pending pending)
    {
        if (pending.Checkpoint.Sequence < _expected)
            throw new InvalidOperationException($"Checkpoint #{pending.Checkpoint.Sequence} arrived after its entry was checked (next expected #{_expected}).");
        _pending.Enqueue(pending, pending.Checkpoint.Sequence);
    }

    private string? Problem(Pending pending) => pending.SignatureChecked ? pending.SignatureProblem : CheckCheckpoint(pending.Checkpoint);

    private VerificationResult Broken(long position, string why) => VerificationResult.Broken(_count, _verifiedCheckpoints, position, why);

    private string? CheckCheckpoint(Checkpoint checkpoint) => CheckSignature(checkpoint, _publicKeyFor);

    private readonly record struct Pending(Checkpoint Checkpoint, bool SignatureChecked, string? SignatureProblem);
}
