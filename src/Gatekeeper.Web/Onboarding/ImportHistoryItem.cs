using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Web.Onboarding;

/// <summary>One import attempt as the API shows it; server paths of reports are left out (the report has its own URL).</summary>
public sealed record ImportHistoryItem(
    string ImportId, string FileName, string Sha256, ImportOutcome Outcome, string? Table, string? Encoding, long Rows, long RejectedRows,
    long PublishedRows, long SupersededRows, long ReplacedRows, double ErrorRate, string? Version, bool HasReport, string? ImportedBy,
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string? Message)
{
    public static ImportHistoryItem From(ImportRecord r) =>
        new(r.ImportId, r.FileName, r.Sha256, r.Outcome, r.Table, r.Encoding, r.Rows, r.RejectedRows, r.PublishedRows, r.SupersededRows,
            r.ReplacedRows, r.ErrorRate, r.Version, r.ReportCsv is not null, r.ImportedBy, r.StartedAt, r.FinishedAt, r.Message);
}
