using System.Security.Cryptography;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Tests;

/// <summary>
/// The pipelined feed (hashes and signatures checked per batch on the thread pool, links in order) finds the same breaks at the
/// same positions as the plain verifier, across batch boundaries.
/// </summary>
public sealed class ChainFeedTests
{
    [Fact]
    public async Task An_untouched_chain_verifies_through_the_feed()
    {
        using var chain = new ChainBuilder(5000, checkpointEvery: 100);
        var result = await FeedAsync(chain, chain.Entries, chain.Checkpoints);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(5000, result.EntriesChecked);
        Assert.Equal(50, result.CheckpointsChecked);
    }

    [Theory]
    [InlineData(22)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(4999)]
    public async Task An_edited_entry_is_detected_at_its_position_in_any_batch(int position)
    {
        using var chain = new ChainBuilder(5000, checkpointEvery: 100);
        var i = position - 1;
        chain.Entries[i] = chain.Entries[i] with { Record = chain.Entries[i].Record with { Reason = "nothing to see" } };
        var result = await FeedAsync(chain, chain.Entries, chain.Checkpoints);
        Assert.Equal(chain.Verify().BrokenAt, result.BrokenAt);
        Assert.Equal(position, result.BrokenAt);
        Assert.Contains("edited", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_checkpoint_sent_unchecked_is_detected_at_its_position()
    {
        using var chain = new ChainBuilder(3000, checkpointEvery: 100);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = new CheckpointSigner(other).Sign(2100, chain.Entries[2099].Hash, chain.Entries[2099].Record.At) with { KeyId = chain.Signer.KeyId };
        var checkpoints = chain.Checkpoints.Select(c => c.Sequence == 2100 ? forged : c).ToList();
        var result = await FeedAsync(chain, chain.Entries, checkpoints);
        Assert.False(result.IsValid);
        Assert.Equal(2100, result.BrokenAt);
        Assert.Contains("invalid signature", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reordered_entries_and_truncation_after_a_checkpoint_are_found_as_without_the_feed()
    {
        using var chain = new ChainBuilder(3000, checkpointEvery: 100);
        var reordered = chain.Entries.ToList();
        (reordered[1500], reordered[1501]) = (reordered[1501], reordered[1500]);
        var swapped = await FeedAsync(chain, reordered, chain.Checkpoints);
        Assert.Equal(1501, swapped.BrokenAt);
        Assert.Equal(chain.Verify(reordered).BrokenAt, swapped.BrokenAt);

        var truncated = await FeedAsync(chain, chain.Entries.Take(2950), chain.Checkpoints);
        Assert.False(truncated.IsValid);
        Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);
        Assert.Equal(chain.Verify(chain.Entries.Take(2950)).BrokenAt, truncated.BrokenAt);
    }

    [Fact]
    public void Matches_agrees_with_the_hash_and_only_with_it()
    {
        var record = ChainBuilder.Record(7) with { Details = new Dictionary<string, string> { ["permit"] = "P-1" } };
        var hash = EntryHasher.Hash(7, record, ChainedEntry.Genesis);
        Assert.True(EntryHasher.Matches(7, record, ChainedEntry.Genesis, hash));
        Assert.False(EntryHasher.Matches(7, record, ChainedEntry.Genesis, hash.ToUpperInvariant()));
        Assert.False(EntryHasher.Matches(8, record, ChainedEntry.Genesis, hash));
        Assert.False(EntryHasher.Matches(7, record, ChainedEntry.Genesis, hash[..63]));
    }

    /// <summary>Entries and checkpoints in chain order (each checkpoint just before its entry), checkpoints sent unchecked.</summary>
    private static async Task<VerificationResult> FeedAsync(ChainBuilder chain, IEnumerable<ChainedEntry> entries, IReadOnlyList<Checkpoint> checkpoints)
    {
        var verifier = new ChainVerifier([], id => id == chain.Signer.KeyId ? chain.Key : null);
        await ChainFeed.RunAsync(verifier, async (feed, _) =>
        {
            var next = 0;
            foreach (var entry in entries)
            {
                while (next < checkpoints.Count && checkpoints[next].Sequence <= entry.Sequence) await feed.CheckpointAsync(checkpoints[next++]);
                await feed.EntryAsync(entry);
            }

            while (next < checkpoints.Count) await feed.CheckpointAsync(checkpoints[next++]);
        });
        return verifier.Finish();
    }
}
