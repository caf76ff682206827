using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Catalogue;
using Gatekeeper.Data.Ingest;
using Gatekeeper.Domain.Common;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Storage;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Onboarding;

/// <summary>
/// The data stewards' import: a holder's uploaded file goes through the same importer as the CLI, under the steward's
/// name (history row and dataset.imported audit entry in one transaction), and a committed table import refreshes the
/// portal's catalogue. Uploads wait in <c>uploads/</c> of the data folder, never in the analysis folder.
/// </summary>
public sealed class DatasetImportService(
    ExchangeImporter importer,
    EfImportLog history,
    CatalogueService catalogue,
    CatalogueTableSync catalogueSync,
    DataFolder dataFolder,
    IOptions<OnboardingOptions> options,
    ILogger<DatasetImportService> logger)
{
    public const string NotFoundRule = "not-found";

    /// <summary>Kinds a steward may choose: the exchange format's record types (tables, and consent).</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. ExchangeFormat.All.Select(s => s.Table)];

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>Imports one uploaded file. Refusals of the input (bad dataset, kind, name, size) change nothing and name the field.</summary>
    /// <param name="kind">The record type the holder says it is, or null to take it from the header.</param>
    public async Task<DomainResult<ImportResult>> ImportAsync(Actor actor, string datasetId, string? kind, string fileName, Stream content, CancellationToken cancellationToken)
    {
        if (await CheckAsync(actor, datasetId, cancellationToken) is { } refused) return DomainResult<ImportResult>.Fail(refused);
        var errors = new List<ValidationError>();
        var name = Path.GetFileName(fileName ?? "");
        if (string.IsNullOrWhiteSpace(name) || !name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.Length > 200)
            errors.Add(ValidationError.Create("file", "file-type", "Upload a holder's CSV file (name ending in .csv, at most 200 characters).", ("value", name)));
        if (kind is not null && !Kinds.Contains(kind))
            errors.Add(ValidationError.Create("kind", "code-list", $"Kind must be one of {string.Join(", ", Kinds)}.", ("value", kind)));
        if (errors.Count > 0) return DomainResult<ImportResult>.Fail(errors);

        var uploads = dataFolder.Combine("uploads");
        Directory.CreateDirectory(uploads);
        var path = Path.Combine(uploads, Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > options.Value.MaxUploadBytes)
                        return DomainResult<ImportResult>.Fail([ValidationError.Create("file", "file-size", $"The file is larger than {options.Value.MaxUploadBytes} bytes.", ("max", options.Value.MaxUploadBytes))]);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (total == 0) return DomainResult<ImportResult>.Fail([ValidationError.Create("file", "required", "The file is empty.")]);
            }

            var ingest = new IngestOptions
            {
                DisplayName = name, ExpectedTable = kind, ImportedBy = actor.UserId, RawFiles = options.Value.RawFiles, MaxErrorRate = options.Value.MaxErrorRate,
            };
            ImportResult result;
            using (IngestActor.Begin(new AuditActor(actor.UserId, Roles.DataSteward, actor.OrganisationId, actor.ClientAddress)))
            {
                result = await importer.ImportAsync(datasetId, path, ingest, cancellationToken);
            }

            if (result.Outcome == ImportOutcome.Committed && result.Record.Table != ExchangeFormat.Consent.Table)
                await catalogueSync.SyncAsync(datasetId, cancellationToken);
            return result;
        }
        finally
        {
            // Kept only when the raw-file policy says keep (it then stays in uploads/ under its random name).
            if (options.Value.RawFiles != Gatekeeper.Ingest.Pseudonymisation.RawFilePolicy.Keep && File.Exists(path))
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException ex)
                {
                    logger.LogWarning(ex, "Could not remove upload {Path}", path);
                }
            }
        }
    }

    public async Task<DomainResult<IReadOnlyList<ImportRecord>>> HistoryAsync(Actor actor, string datasetId, int take, CancellationToken cancellationToken)
    {
        if (await CheckAsync(actor, datasetId, cancellationToken) is { } refused) return DomainResult<IReadOnlyList<ImportRecord>>.Fail(refused);
        return DomainResult<IReadOnlyList<ImportRecord>>.Ok(await history.RecentAsync(datasetId, Math.Clamp(take, 1, 500), cancellationToken));
    }

    /// <summary>The validation report (CSV) of one import, for download.</summary>
    public async Task<DomainResult<(string Path, string FileName)>> ReportAsync(Actor actor, string datasetId, string importId, CancellationToken cancellationToken)
    {
        if (await CheckAsync(actor, datasetId, cancellationToken) is { } refused) return DomainResult<(string, string)>.Fail(refused);
        var record = await history.FindAsync(datasetId, importId, cancellationToken);
        if (record?.ReportCsv is not { } csv || !File.Exists(csv))
            return DomainResult<(string, string)>.Fail([ValidationError.Create("importId", NotFoundRule, "No such import, or it has no report.")]);
        return DomainResult<(string, string)>.Ok((csv, Path.GetFileNameWithoutExtension(record.FileName) + ".errors.csv"));
    }

    private async Task<List<ValidationError>?> CheckAsync(Actor actor, string datasetId, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(Roles.DataSteward))
            return [ValidationError.Create("actor", "role-required", "Only data stewards import data.", ("role", Roles.DataSteward))];
        if (!DataLayout.IsValidDatasetId(datasetId) || await catalogue.FindAsync(datasetId, cancellationToken) is null)
            return [ValidationError.Create("datasetId", NotFoundRule, $"Dataset '{datasetId}' is not in the catalogue.")];
        return null;
    }
}
