using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Validation;

/// <summary>
/// Writes a file's report as CSV (one row per broken rule: file, line, field, value, rule, message; UTF-8 with BOM
/// so spreadsheet software in Japan opens it correctly) and as JSON (summary plus the same errors), streaming, so
/// a file with millions of bad rows needs no memory.
/// </summary>
public static class ValidationReportWriter
{
    public const int SampleSize = 100;

    public static async Task<ValidationReport> WriteAsync(string folder, ReportSummary summary, IEnumerable<RowError> errors, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var csvPath = Path.Combine(folder, summary.ImportId + ".errors.csv");
        var jsonPath = Path.Combine(folder, summary.ImportId + ".report.json");
        var sample = new List<RowError>();
        long count = 0;
        await using (var csv = new StreamWriter(csvPath, false, new UTF8Encoding(true)))
        await using (var jsonStream = File.Create(jsonPath))
        await using (var json = new Utf8JsonWriter(jsonStream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            await csv.WriteLineAsync("file,line,field,value,rule,message");
            json.WriteStartObject();
            json.WriteString("import_id", summary.ImportId);
            json.WriteString("file", summary.File);
            json.WriteString("sha256", summary.Sha256);
            if (summary.Table is not null) json.WriteString("table", summary.Table);
            if (summary.Encoding is not null) json.WriteString("encoding", summary.Encoding);
            json.WriteNumber("rows", summary.Rows);
            json.WriteNumber("rejected_rows", summary.RejectedRows);
            json.WriteNumber("error_rate", summary.Rows == 0 ? 0 : Math.Round((double)summary.RejectedRows / summary.Rows, 6));
            json.WriteNumber("max_error_rate", summary.MaxErrorRate);
            json.WriteString("decision", summary.Decision);
            if (summary.Reason is not null) json.WriteString("reason", summary.Reason);
            json.WriteStartArray("errors");
            foreach (var error in errors)
            {
                cancellationToken.ThrowIfCancellationRequested();
                count++;
                if (sample.Count < SampleSize) sample.Add(error);
                await csv.WriteLineAsync(string.Join(',',
                    CsvText.Field(error.File), error.Line.ToString(CultureInfo.InvariantCulture), CsvText.Field(error.Field), CsvText.Field(error.Value), CsvText.Field(error.Rule), CsvText.Field(error.Message)));
                json.WriteStartObject();
                json.WriteNumber("line", error.Line);
                json.WriteString("field", error.Field);
                json.WriteString("value", error.Value);
                json.WriteString("rule", error.Rule);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
                if (count % 10_000 == 0) await json.FlushAsync(cancellationToken);
            }

            json.WriteEndArray();
            json.WriteNumber("error_count", count);
            json.WriteEndObject();
        }

        return new ValidationReport
        {
            CsvPath = csvPath,
            JsonPath = jsonPath,
            Rows = summary.Rows,
            RejectedRows = summary.RejectedRows,
            ErrorCount = count,
            Sample = sample,
        };
    }
}
