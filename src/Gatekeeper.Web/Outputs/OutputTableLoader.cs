using System.Text.Json;
using Gatekeeper.Data;
using Gatekeeper.Data.Airlock;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.VisitingEnvironment.Results;
using Gatekeeper.VisitingEnvironment.Shadow;
using Microsoft.Data.Analysis;

namespace Gatekeeper.Web.Outputs;

/// <summary>
/// Loads an output for the checker's page: the result table from the airlock (its SHA-256 checked first) into a
/// <see cref="DataFrame"/>, and per row the automated verdict, matched on the key columns' text exactly as the shadow
/// statistics were (<see cref="CellKeyText"/>). Only callers that already passed the checking service's access rules
/// reach it.
/// </summary>
public sealed class OutputTableLoader(DataFolder dataFolder, AirlockService airlock)
{
    public const int MaxRows = 500;

    public async Task<CheckedTable> LoadAsync(ReleaseFile file, RunOutput output, CancellationToken cancellationToken)
    {
        var parquet = airlock.PathOf(output.ParquetFile);
        await FileHashes.VerifyAsync(parquet, output.ParquetSha256, output.Name + ".parquet", cancellationToken);
        var frame = ResultTableReader.Read(parquet);
        var total = frame.Rows.Count;
        if (total > MaxRows) frame = frame.Head(MaxRows);

        var cells = new Dictionary<string, CheckedCell>(StringComparer.Ordinal);
        IReadOnlyList<string> keyColumns = [];
        var messages = new List<string>();
        if (file.VerdictFile is { } verdictFile && file.VerdictSha256 is { } sha)
        {
            var path = dataFolder.Combine(verdictFile);
            await FileHashes.VerifyAsync(path, sha, output.Name + " verdict", cancellationToken);
            using var verdict = JsonDocument.Parse(await File.ReadAllBytesAsync(path, cancellationToken));
            // A microdata report has findings instead of cells: its rows are not highlighted one by one.
            var cellList = verdict.RootElement.TryGetProperty("cells", out var c) ? c.EnumerateArray().ToList() : [];
            if (verdict.RootElement.TryGetProperty("findings", out var findings))
                messages.AddRange(findings.EnumerateArray().Select(f => $"{f.GetProperty("criterion").GetString()} {f.GetProperty("outcome").GetString()}: {f.GetProperty("reason").GetString()}"));
            foreach (var cell in cellList)
            {
                var key = cell.GetProperty("key");
                keyColumns = [.. key.EnumerateObject().Select(p => p.Name)];
                var failed = Codes(cell, "failed");
                var review = Codes(cell, "review");
                var treatment = cell.TryGetProperty("treatment", out var t) ? t.GetString() : null;
                if (failed.Count == 0 && review.Count == 0 && treatment is null or "published") continue;
                var reasons = cell.TryGetProperty("reasons", out var r)
                    ? r.EnumerateArray().Select(x => x.GetProperty("reason").GetString() ?? "").ToList()
                    : [];
                cells[KeyOf(key.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString()))] =
                    new CheckedCell(failed.Count > 0 ? AutomatedCheckStatuses.Fail : review.Count > 0 ? AutomatedCheckStatuses.Review : AutomatedCheckStatuses.Pass, failed, review, treatment, reasons);
            }

            messages.AddRange(verdict.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetString() ?? ""));
        }

        var columns = keyColumns.Select(k => frame.Columns.IndexOf(k)).ToList();
        var rows = new List<CheckedCell?>((int)frame.Rows.Count);
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            if (columns.Count == 0 || columns.Contains(-1))
            {
                rows.Add(null);
                continue;
            }

            var key = KeyOf(columns.Select(c => CellKeyText.TryFormat(frame.Columns[c][i], out var text) ? text : null));
            rows.Add(cells.GetValueOrDefault(key));
        }

        return new CheckedTable(frame, rows, messages, total);
    }

    private static IReadOnlyList<string> Codes(JsonElement cell, string name) =>
        cell.TryGetProperty(name, out var codes) ? [.. codes.EnumerateArray().Select(c => c.GetString() ?? "")] : [];

    private static string KeyOf(IEnumerable<string?> parts) => string.Join('\u001f', parts.Select(p => p ?? "\u2400"));
}
