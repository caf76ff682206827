using System.Threading.Channels;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Chain;

/// <summary>The producer's side of a <see cref="ChainFeed"/>: items in chain order, sent in batches whose entry hashes are recomputed in parallel.</summary>
public sealed class ChainFeedWriter
{
    private const int BatchSize = 1024;
    private readonly ChannelWriter<ChainFeedBatch> _channel;
    private readonly CancellationToken _cancellationToken;
    private readonly Func<Checkpoint, string?> _checkSignature;
    private readonly Lock _signatureLock = new();
    private ChainFeedItem[] _batch = new ChainFeedItem[BatchSize];
    private int _count;

    internal ChainFeedWriter(ChannelWriter<ChainFeedBatch> channel, Func<Checkpoint, string?> checkSignature, CancellationToken cancellationToken)
    {
        _checkSignature = checkSignature;
        _channel = channel;
        _cancellationToken = cancellationToken;
    }

    public ValueTask EntryAsync(ChainedEntry entry) => AddAsync(new ChainFeedItem(entry, null, null));

    /// <param name="signatureProblem">The result of <see cref="ChainVerifier.CheckSignature(Checkpoint)"/>: null when it verified.</param>
    public ValueTask CheckpointAsync(Checkpoint checkpoint, string? signatureProblem) => AddAsync(new ChainFeedItem(null, checkpoint, signatureProblem));

    /// <summary>A checkpoint whose signature the feed checks with the verifier's keys in its parallel stage, off the producer's thread.</summary>
    public ValueTask CheckpointAsync(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return AddAsync(new ChainFeedItem(null, checkpoint, null) { SignaturePending = true });
    }

    public async ValueTask FlushAsync()
    {
        if (_count == 0) return;
        var full = ChainFeedBatch.Start(_batch, _count, _checkSignature, _signatureLock);
        _batch = new ChainFeedItem[BatchSize];
        _count = 0;
        await _channel.WriteAsync(full, _cancellationToken);
    }

    private ValueTask AddAsync(ChainFeedItem item)
    {
        _batch[_count++] = item;
        if (_count < BatchSize) return ValueTask.CompletedTask;
        // The content hashes are recomputed on the thread pool while the producer reads on; the consumer links in order.
        var full = ChainFeedBatch.Start(_batch, _count, _checkSignature, _signatureLock);
        _batch = new ChainFeedItem[BatchSize];
        _count = 0;
        return _channel.WriteAsync(full, _cancellationToken);
    }
}
