using System.Collections.Concurrent;

namespace Gatekeeper.Disclosure.Differencing;

/// <summary>A process-local <see cref="IReleaseHistory"/> for tests and the CLI.</summary>
public sealed class InMemoryReleaseHistory : IReleaseHistory
{
    private readonly ConcurrentDictionary<string, ImmutableListBox> _byPermit = new(StringComparer.Ordinal);

    public ValueTask<IReadOnlyList<ReleasedOutput>> ReleasedUnderPermitAsync(string permitId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ReleasedOutput>>(_byPermit.TryGetValue(permitId, out var box) ? box.Items : []);

    public ValueTask RecordAsync(ReleasedOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        _byPermit.AddOrUpdate(output.PermitId, _ => new ImmutableListBox([output]), (_, box) => new ImmutableListBox([.. box.Items, output]));
        return ValueTask.CompletedTask;
    }

    private sealed record ImmutableListBox(IReadOnlyList<ReleasedOutput> Items);
}
