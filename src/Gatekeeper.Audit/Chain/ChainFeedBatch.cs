using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Chain;

/// <summary>
/// A batch of a <see cref="ChainFeed"/> in flight: its items in chain order and the task that, ahead of the sequential checks,
/// recomputes each entry's content hash (true where it matches the stored hash) and checks the signatures of checkpoints
/// sent unchecked (filling in their <see cref="ChainFeedItem.SignatureProblem"/>; the items are read only after the task).
/// </summary>
internal readonly record struct ChainFeedBatch(ChainFeedItem[] Items, int Count, Task<bool[]> ContentMatches)
{
    public static ChainFeedBatch Start(ChainFeedItem[] items, int count, Func<Checkpoint, string?> checkSignature, Lock signatureLock) =>
        new(items, count, Task.Run(() => Check(items, count, checkSignature, signatureLock)));

    private static bool[] Check(ChainFeedItem[] items, int count, Func<Checkpoint, string?> checkSignature, Lock signatureLock)
    {
        var matches = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var item = items[i];
            if (item.Entry is { } e)
            {
                matches[i] = EntryHasher.Matches(e.Sequence, e.Record, e.PreviousHash, e.Hash);
            }
            else if (item.SignaturePending && item.Checkpoint is { } checkpoint)
            {
                // Batches run concurrently; the keys' instances are not documented as thread-safe, so one check at a time.
                string? problem;
                lock (signatureLock) problem = checkSignature(checkpoint);
                items[i] = item with { SignatureProblem = problem, SignaturePending = false };
            }
        }

        return matches;
    }
}
