using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Validation;

namespace Gatekeeper.Web.Onboarding;

/// <summary>What the import API answers: the history record and up to the first errors of the report (the CSV has all).</summary>
public sealed record ImportResponse(ImportHistoryItem Import, long ErrorCount, IReadOnlyList<RowError> Errors)
{
    public static ImportResponse From(ImportResult result) =>
        new(ImportHistoryItem.From(result.Record), result.Report?.ErrorCount ?? 0, result.Report?.Sample ?? []);
}
