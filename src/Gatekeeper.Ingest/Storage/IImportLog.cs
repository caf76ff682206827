namespace Gatekeeper.Ingest.Storage;

/// <summary>The import history, which also makes imports idempotent by file SHA-256. The web store implements it in the database later.</summary>
public interface IImportLog
{
    Task AppendAsync(ImportRecord record, CancellationToken cancellationToken = default);

    /// <summary>The committed import of a file with this SHA-256 into the dataset, if any.</summary>
    Task<ImportRecord?> FindCommittedAsync(string datasetId, string sha256, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ImportRecord>> ListAsync(string datasetId, CancellationToken cancellationToken = default);
}
