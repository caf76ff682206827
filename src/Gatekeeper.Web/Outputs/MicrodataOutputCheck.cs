using System.Text;
using System.Text.Json;
using Gatekeeper.Data;
using Gatekeeper.Disclosure.Microdata;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Verdicts;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Results;
using Gatekeeper.VisitingEnvironment.Shadow;

namespace Gatekeeper.Web.Outputs;

/// <summary>
/// The automated check of a microdata output (anonymised tier, row-level result): the policy's generalisation
/// hierarchies are climbed until the data is k-anonymous within the suppression limit, then k-anonymity, l-diversity,
/// t-closeness and re-identification risks are assessed. The report (<c>checks/&lt;table&gt;.microdata.json</c>: what was
/// generalised or suppressed, each criterion with its figures) and the anonymised table (the protected version that
/// leaves) are written beside the result.
/// </summary>
public sealed class MicrodataOutputCheck(DataFolder dataFolder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<ReleaseFile> CheckAsync(Guid requestId, RunOutput output, DisclosurePolicy policy, string checksFolder, CancellationToken cancellationToken)
    {
        var parquet = dataFolder.Combine(output.ParquetFile);
        await FileHashes.VerifyAsync(parquet, output.ParquetSha256, output.Name + ".parquet", cancellationToken);
        var table = ToMicrodata(ResultTableReader.Read(parquet));
        var assessment = MicrodataAnonymiser.Anonymise(table, policy);

        var report = Path.Combine(checksFolder, output.Name + ".microdata.json");
        await File.WriteAllBytesAsync(dataFolder.Combine(report), JsonSerializer.SerializeToUtf8Bytes(Report(assessment), Json), cancellationToken);
        string? protectedFile = null;
        if (assessment.SuppressedRows.Count > 0 || assessment.Generalisations.Any(g => g.Level > 0))
        {
            protectedFile = Path.Combine(checksFolder, output.Name + ".protected.csv");
            await File.WriteAllTextAsync(dataFolder.Combine(protectedFile), Csv(assessment.Anonymised), new UTF8Encoding(false), cancellationToken);
        }

        var notPassed = assessment.Findings.Where(f => f.Outcome != CheckStatus.Pass).ToList();
        return new ReleaseFile
        {
            RequestId = requestId, OutputId = output.Id, Name = output.Name,
            CheckStatus = assessment.Status.ToText(), PolicyId = policy.Id, PolicySha256 = policy.Sha256,
            Cells = assessment.RowCount, FailedCells = notPassed.Count(f => f.Outcome == CheckStatus.Fail), ReviewCells = notPassed.Count(f => f.Outcome == CheckStatus.Review),
            Rules = notPassed.Count == 0 ? null : string.Join(',', notPassed.Select(f => f.Criterion).Distinct(StringComparer.Ordinal)),
            VerdictFile = report, VerdictSha256 = await FileHashes.Sha256Async(dataFolder.Combine(report), cancellationToken),
            ProtectedFile = protectedFile,
            ProtectedSha256 = protectedFile is null ? null : await FileHashes.Sha256Async(dataFolder.Combine(protectedFile), cancellationToken),
        };
    }

    /// <summary>Every value as the text the hierarchies read (dates ISO, numbers invariant), dictionary-encoded per column.</summary>
    private static MicrodataTable ToMicrodata(Microsoft.Data.Analysis.DataFrame frame)
    {
        var columns = frame.Columns.Select(c =>
        {
            var values = new string?[c.Length];
            for (long i = 0; i < c.Length; i++) values[i] = CellKeyText.TryFormat(c[i], out var text) ? text : null;
            return MicrodataColumn.Encode(c.Name, values);
        }).ToList();
        return new MicrodataTable(columns);
    }

    private static object Report(MicrodataAssessment a) => new
    {
        status = a.Status.ToText(),
        policy = new { id = a.Policy.Id, sha256 = a.Policy.Sha256 },
        rows = a.RowCount,
        generalisations = a.Generalisations,
        suppressedRows = a.SuppressedRows.Count,
        suppressedShare = a.SuppressedShare,
        kAnonymity = a.KAnonymity,
        lDiversity = a.LDiversity,
        tCloseness = a.TCloseness,
        risk = a.Risk,
        findings = a.Findings.Select(f => new { criterion = f.Criterion, column = f.Column, outcome = f.Outcome.ToText(), reason = f.Reason }),
        messages = a.Messages,
    };

    private static string Csv(MicrodataTable table)
    {
        var csv = new StringBuilder(CsvText.Line(table.Columns.Select(c => c.Name)));
        for (var row = 0; row < table.RowCount; row++) csv.Append(CsvText.Line(table.Columns.Select(c => c.Value(row) ?? "")));
        return csv.ToString();
    }
}
