namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>
/// Source of the per-dataset secrets. The embedded default keeps key files in the data folder, outside the analysis
/// tables (<see cref="FileKeyProvider"/>); a deployment can put a KMS or HSM behind this interface.
/// </summary>
public interface IKeyProvider
{
    /// <summary>The 32-byte key of a dataset for one use, created on first use.</summary>
    ValueTask<byte[]> GetKeyAsync(string datasetId, KeyUse use, CancellationToken cancellationToken = default);
}
