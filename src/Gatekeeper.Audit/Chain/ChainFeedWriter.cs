using System.Threading.Channels;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Chain;

/// <summary>The producer's side of a <see cref="ChainFeed"/>: items in chain order, sent in batches.</summary>
public sealed class ChainFeedWriter
{
    private const int BatchSize = 256;
    private readonly ChannelWriter<ChainFeedItem[]> _channel;
    private readonly CancellationToken _cancellationToken;
    private ChainFeedItem[] _batch = new ChainFeedItem[BatchSize];
    private int _count;

    internal ChainFeedWriter(ChannelWriter<ChainFeedItem[]> channel, CancellationToken cancellationToken)
    {
        _channel = channel;
        _cancellationToken = cancellationToken;
    }

    public ValueTask EntryAsync(ChainedEntry entry) => AddAsync(new ChainFeedItem(entry, null, null));

    /// <param name="signatureProblem">The result of <see cref="ChainVerifier.CheckSignature(Checkpoint)"/>: null when it verified.</param>
    public ValueTask CheckpointAsync(Checkpoint checkpoint, string? signatureProblem) => AddAsync(new ChainFeedItem(null, checkpoint, signatureProblem));

    public async ValueTask FlushAsync()
    {
        if (_count == 0) return;
        var full = _batch.AsSpan(0, _count).ToArray();
        _count = 0;
        await _channel.WriteAsync(full, _cancellationToken);
    }

    private ValueTask AddAsync(ChainFeedItem item)
    {
        _batch[_count++] = item;
        if (_count < BatchSize) return ValueTask.CompletedTask;
        var full = _batch;
        _batch = new ChainFeedItem[BatchSize];
        _count = 0;
        return _channel.WriteAsync(full, _cancellationToken);
    }
}
