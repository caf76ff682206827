using System.Threading.Channels;

namespace Gatekeeper.Audit.Chain;

/// <summary>
/// Verifies a chain in a pipeline: a producer reads and parses entries (and checks checkpoint signatures), each batch's
/// entry hashes are recomputed on the thread pool as it is sent, and this thread checks sequence, links, hash results and
/// checkpoints in chain order in <see cref="ChainVerifier"/>. Memory stays constant (a few bounded batches in
/// flight); the first break stops the producer. A producer's exception (e.g. a malformed line) is rethrown.
/// </summary>
public static class ChainFeed
{
    public static async Task<FeedOutcome> RunAsync(ChainVerifier verifier, Func<ChainFeedWriter, CancellationToken, Task> produce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(produce);
        var channel = Channel.CreateBounded<ChainFeedBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = new ChainFeedWriter(channel.Writer, verifier.CheckSignature, stop.Token);
        var producer = Task.Run(async () =>
        {
            try
            {
                await produce(writer, stop.Token);
                await writer.FlushAsync();
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, CancellationToken.None);

        var outcome = FeedOutcome.Completed;
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
            {
                outcome = Consume(verifier, batch.Items, batch.Count, await batch.ContentMatches);
                if (outcome != FeedOutcome.Completed) break;
            }
        }
        finally
        {
            if (outcome != FeedOutcome.Completed) await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (OperationCanceledException) when (outcome != FeedOutcome.Completed && !cancellationToken.IsCancellationRequested)
            {
                // We stopped it: the chain is broken, nothing more to read.
            }
        }

        return outcome;
    }

    private static FeedOutcome Consume(ChainVerifier verifier, ChainFeedItem[] items, int count, bool[] contentMatches)
    {
        for (var i = 0; i < count; i++)
        {
            var item = items[i];
            if (item.Checkpoint is { } checkpoint)
            {
                if (checkpoint.Sequence < verifier.NextSequence) return FeedOutcome.LateCheckpoints;
                verifier.AddCheckedCheckpoint(checkpoint, item.SignatureProblem);
            }
            else if (!verifier.Step(item.Entry!, contentMatches[i]))
            {
                return FeedOutcome.Broken;
            }
        }

        return FeedOutcome.Completed;
    }
}
