using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Tests;

public sealed class ChainVerifierTests
{
    [Fact]
    public void An_untouched_chain_verifies_with_all_its_checkpoints()
    {
        using var chain = new ChainBuilder(95);
        var result = chain.Verify();
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(95, result.EntriesChecked);
        Assert.Equal(9, result.CheckpointsChecked);
    }

    [Fact]
    public void An_edited_entry_is_detected_at_its_position()
    {
        using var chain = new ChainBuilder(50);
        chain.Entries[21] = chain.Entries[21] with { Record = chain.Entries[21].Record with { Reason = "nothing to see" } };
        var result = chain.Verify();
        Assert.False(result.IsValid);
        Assert.Equal(22, result.BrokenAt);
        Assert.Contains("edited", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_and_rehashed_entry_breaks_the_next_link()
    {
        using var chain = new ChainBuilder(50);
        var e = chain.Entries[21];
        chain.Entries[21] = EntryHasher.Link(e.Sequence, e.Record with { ActorId = "someone-else" }, e.PreviousHash);
        var result = chain.Verify();
        Assert.Equal(23, result.BrokenAt);
    }

    [Fact]
    public void Rewriting_the_whole_tail_is_caught_by_the_next_signed_checkpoint()
    {
        using var chain = new ChainBuilder(50);
        var rewritten = chain.Entries.Take(21).ToList();
        var previous = rewritten[^1].Hash;
        foreach (var e in chain.Entries.Skip(21))
        {
            var forged = EntryHasher.Link(e.Sequence, e.Sequence == 22 ? e.Record with { Outcome = AuditOutcome.Succeeded, Reason = "forged" } : e.Record, previous);
            rewritten.Add(forged);
            previous = forged.Hash;
        }

        var result = chain.Verify(rewritten);
        Assert.False(result.IsValid);
        Assert.Equal(30, result.BrokenAt);
        Assert.Contains("checkpoint", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_entry_is_detected_where_it_is_missing()
    {
        using var chain = new ChainBuilder(50);
        chain.Entries.RemoveAt(33);
        var result = chain.Verify();
        Assert.Equal(34, result.BrokenAt);
        Assert.Contains("deleted", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_and_renumbering_is_detected_by_the_broken_link()
    {
        using var chain = new ChainBuilder(50);
        chain.Entries.RemoveAt(33);
        for (var i = 33; i < chain.Entries.Count; i++) chain.Entries[i] = chain.Entries[i] with { Sequence = i + 1 };
        Assert.Equal(34, chain.Verify().BrokenAt);
    }

    [Fact]
    public void Reordered_entries_are_detected_at_the_first_moved_position()
    {
        using var chain = new ChainBuilder(50);
        (chain.Entries[12], chain.Entries[13]) = (chain.Entries[13], chain.Entries[12]);
        var result = chain.Verify();
        Assert.Equal(13, result.BrokenAt);
    }

    [Fact]
    public void An_inserted_entry_is_detected_where_it_was_inserted()
    {
        using var chain = new ChainBuilder(50);
        var at = chain.Entries[39];
        chain.Entries.Insert(40, EntryHasher.Link(41, ChainBuilder.Record(999), at.Hash));
        var result = chain.Verify();
        Assert.Equal(42, result.BrokenAt);
    }

    [Fact]
    public void Truncation_behind_a_checkpoint_is_detected()
    {
        using var chain = new ChainBuilder(50);
        chain.Entries.RemoveRange(45, 5);
        chain.Entries.RemoveRange(38, 7);
        var result = chain.Verify();
        Assert.False(result.IsValid);
        Assert.Equal(39, result.BrokenAt);
        Assert.Contains("truncated", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_signed_by_another_key_is_refused()
    {
        using var chain = new ChainBuilder(30);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forger = new Checkpoints.CheckpointSigner(other);
        chain.Checkpoints[1] = forger.Sign(20, chain.Entries[19].Hash, chain.Entries[19].Record.At);
        var result = chain.Verify();
        Assert.Equal(20, result.BrokenAt);
        Assert.Contains("unknown key", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_with_a_tampered_signature_is_refused()
    {
        using var chain = new ChainBuilder(30);
        var c = chain.Checkpoints[0];
        chain.Checkpoints[0] = c with { At = c.At.AddSeconds(1) };
        Assert.Contains("invalid signature", chain.Verify().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_anchored_on_a_signed_checkpoint_verifies_and_a_forged_anchor_does_not()
    {
        using var chain = new ChainBuilder(40);
        var anchor = ChainAnchor.After(chain.Checkpoints[1]);
        var tail = chain.Entries.Skip(20).ToList();
        var ok = ChainVerifier.Verify(tail, chain.Checkpoints, id => id == chain.Signer.KeyId ? chain.Key : null, anchor);
        Assert.True(ok.IsValid, ok.Message);
        Assert.Equal(3, ok.CheckpointsChecked);
        Assert.Equal(40, ok.LastSignedSequence);

        var forged = anchor with { PreviousHash = chain.Entries[18].Hash };
        var bad = ChainVerifier.Verify(tail, [], id => id == chain.Signer.KeyId ? chain.Key : null, forged);
        Assert.False(bad.IsValid);
        Assert.Equal(20, bad.BrokenAt);
        Assert.Contains("signed checkpoint", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoints_can_be_given_as_the_stream_goes_and_the_unsigned_tail_is_reported()
    {
        using var chain = new ChainBuilder(35);
        var verifier = new ChainVerifier([], id => id == chain.Signer.KeyId ? chain.Key : null);
        foreach (var page in chain.Entries.Chunk(10))
        {
            verifier.AddCheckpoints(chain.Checkpoints.Where(c => c.Sequence >= page[0].Sequence && c.Sequence <= page[^1].Sequence));
            foreach (var e in page) Assert.True(verifier.Step(e));
        }

        var result = verifier.Finish();
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(3, result.CheckpointsChecked);
        Assert.Equal(5, result.UnsignedTail);
        Assert.Contains("5 entries after #30", result.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => verifier.AddCheckpoints([chain.Checkpoints[0]]));
    }

    [Fact]
    public void A_checkpoint_for_an_entry_that_is_not_in_the_chain_is_reported()
    {
        using var chain = new ChainBuilder(20);
        var stray = chain.Signer.Sign(15, chain.Entries[14].Hash, chain.Entries[14].Record.At);
        var entries = chain.Entries.Where(e => e.Sequence != 15).ToList();
        var result = chain.Verify(entries, [.. chain.Checkpoints, stray]);
        Assert.False(result.IsValid);
        Assert.Equal(15, result.BrokenAt);
    }

    /// <summary>Any single-entry tampering of any field is detected, and never later than the tampered position.</summary>
    [Property(MaxTest = 200, Arbitrary = [typeof(TamperArbitrary)])]
    public bool Any_single_tampering_is_detected_at_or_before_its_position(Tamper tamper)
    {
        using var chain = new ChainBuilder(40, checkpointEvery: 7);
        var index = tamper.Index % chain.Entries.Count;
        var e = chain.Entries[index];
        var r = e.Record;
        chain.Entries[index] = (tamper.Field % 6) switch
        {
            0 => e with { Record = r with { ActorId = r.ActorId + "x" } },
            1 => e with { Record = r with { At = r.At.AddTicks(1) } },
            2 => e with { Record = r with { SubjectIds = [.. r.SubjectIds, "extra"] } },
            3 => e with { Record = r with { Outcome = r.Outcome == AuditOutcome.Succeeded ? AuditOutcome.Failed : AuditOutcome.Succeeded } },
            4 => e with { Record = r with { Reason = (r.Reason ?? "") + "!" } },
            _ => e with { PreviousHash = ChainedEntry.Genesis.Replace('0', '1') },
        };
        var result = chain.Verify();
        return !result.IsValid && result.BrokenAt <= index + 1;
    }

    public sealed record Tamper(int Index, int Field);

    public static class TamperArbitrary
    {
        public static Arbitrary<Tamper> Tampers() =>
            Gen.Choose(0, 10_000).Zip(Gen.Choose(0, 1000)).Select(t => new Tamper(t.Item1, t.Item2)).ToArbitrary();
    }
}
