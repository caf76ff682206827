namespace Gatekeeper.Disclosure.Differencing;

/// <summary>
/// Store-agnostic memory of what was released under each permit (the data layer implements it; tests
/// and the CLI use <see cref="InMemoryReleaseHistory"/>).
/// </summary>
public interface IReleaseHistory
{
    /// <summary>Everything released so far under a permit.</summary>
    ValueTask<IReadOnlyList<ReleasedOutput>> ReleasedUnderPermitAsync(string permitId, CancellationToken cancellationToken = default);

    /// <summary>Remembers a release (call when the release is final).</summary>
    ValueTask RecordAsync(ReleasedOutput output, CancellationToken cancellationToken = default);
}
