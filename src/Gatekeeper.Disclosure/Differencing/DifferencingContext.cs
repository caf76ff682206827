namespace Gatekeeper.Disclosure.Differencing;

/// <summary>What the differencing check needs for a new output: its group definition and what was already released under its permit.</summary>
public sealed record DifferencingContext(GroupDefinition Definition, IReadOnlyList<ReleasedOutput> Released)
{
    public static async ValueTask<DifferencingContext> LoadAsync(IReleaseHistory history, string permitId, GroupDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new DifferencingContext(definition, await history.ReleasedUnderPermitAsync(permitId, cancellationToken).ConfigureAwait(false));
    }
}
