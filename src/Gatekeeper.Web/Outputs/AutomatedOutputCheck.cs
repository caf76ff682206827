using System.Globalization;
using System.Text;
using System.Text.Json;
using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Outputs;
using Gatekeeper.Disclosure.Differencing;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Disclosure.Verdicts;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Runs;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Queries;
using Gatekeeper.VisitingEnvironment.Shadow;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Web.Outputs;

/// <summary>
/// The automated disclosure check of a succeeded run's outputs, done as they enter the airlock (microdata outputs:
/// <see cref="MicrodataOutputCheck"/>): per aggregate output, the shadow
/// statistics go through every rule of the policy (with the differencing check against what this permit has released),
/// the policy's mitigation (suppression with complementary suppression, or rounding) makes a protected version when
/// cells fail, and the verdict, protected table and cells are written beside the results under
/// <c>airlock/&lt;run&gt;/checks/</c> with their SHA-256. Returns the release request the run opens.
/// </summary>
public sealed class AutomatedOutputCheck(DataFolder dataFolder, IReleaseHistory history, MicrodataOutputCheck microdata, TimeProvider time)
{
    private const string ChecksFolder = "checks";

    /// <summary>The plan of a row-level (microdata) result.</summary>
    public const string MicrodataPlan = "rows";
    private static readonly AuditActor System = new("system", "system");

    public async Task<ReleaseOpening> CheckAsync(QueryRun run, DataPermit permit, DisclosurePolicy? policy, IReadOnlyList<RunOutput> outputs, string airlockFolder, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Guid.NewGuid();
        var request = new ReleaseRequest
        {
            Id = id, Number = ReleaseRequest.NumberFor(id), RunId = run.Id, RunNumber = run.Number, PermitId = permit.Id, PermitNumber = permit.Number,
            ApplicationId = permit.ApplicationId, DatasetId = run.DatasetId, RequesterId = run.RequesterId, RequesterName = run.RequesterName,
            RequesterOrganisationId = run.RequesterOrganisationId, CreatedAt = now,
        };
        Directory.CreateDirectory(dataFolder.Combine(airlockFolder, ChecksFolder));
        var files = new List<ReleaseFile>();
        var records = new List<AuditRecord>();
        foreach (var output in outputs)
        {
            var file = policy is null ? NotChecked(id, output)
                : output.Plan == MicrodataPlan ? await microdata.CheckAsync(id, output, policy, Path.Combine(airlockFolder, ChecksFolder), cancellationToken)
                : output.ShadowFile is null || output.ShadowSha256 is null ? NotChecked(id, output)
                : await CheckOneAsync(request, run, output, policy, airlockFolder, cancellationToken);
            ApplyReleaseLimits(file, output, policy?.Release ?? ReleasePolicy.Default);
            files.Add(file);
            records.Add(AuditRecords.CheckResult(now, System, output.Id.ToString(), run.Id.ToString(), permit.Id.ToString(),
                file.CheckStatus == AutomatedCheckStatuses.Pass,
                file.CheckStatus == AutomatedCheckStatuses.NotChecked ? "not-checked" : file.Rules,
                file.PolicySha256 ?? ""));
        }

        return new ReleaseOpening(request, files, records);
    }

    private async Task<ReleaseFile> CheckOneAsync(ReleaseRequest request, QueryRun run, RunOutput output, DisclosurePolicy policy, string airlockFolder, CancellationToken cancellationToken)
    {
        var shadow = await ReadShadowAsync(output, cancellationToken);
        var table = shadow.ToTableOutput();
        var population = OutputPopulation.Of(output.Sql, run.DatasetId, "person");
        var definition = population.ToGroupDefinition();
        var differencing = await DifferencingContext.LoadAsync(history, run.PermitId.ToString(), definition, cancellationToken);
        var verdict = TableChecker.Check(table, policy, differencing);
        var mitigated = policy.Tables.Mitigation != MitigationMethod.None && verdict.FailedCellCount > 0 ? TableMitigator.Mitigate(verdict, policy.Tables) : null;

        var folder = Path.Combine(airlockFolder, ChecksFolder);
        var verdictFile = Path.Combine(folder, output.Name + ".verdict.json");
        await using (var stream = File.Create(dataFolder.Combine(verdictFile)))
            VerdictJsonWriter.Write(stream, verdict, mitigated);

        string? protectedFile = null;
        if (mitigated is not null)
        {
            protectedFile = Path.Combine(folder, output.Name + ".protected.csv");
            await File.WriteAllTextAsync(dataFolder.Combine(protectedFile), ProtectedCsv(shadow, mitigated), new UTF8Encoding(false), cancellationToken);
        }

        var cells = new ReleasedCellsDocument
        {
            Universe = population.Universe,
            KeyColumns = shadow.Keys,
            KeyVariables = population.KeyVariables,
            Filters = [.. population.Filters.Select(f => ReleasedCellsDocument.Filter.From(f.Key, f.Value))],
            Cells = [.. shadow.Cells.Select((c, i) => new ReleasedCellsDocument.Cell(c.Key, c.Persons,
                mitigated is not null && mitigated.Treatment(i) is CellTreatment.PrimarySuppressed or CellTreatment.SecondarySuppressed))],
        };
        var cellsFile = Path.Combine(folder, output.Name + ".cells.json");
        await File.WriteAllTextAsync(dataFolder.Combine(cellsFile), cells.ToJson(), cancellationToken);

        var rules = Enumerable.Range(0, verdict.CellCount)
            .SelectMany(i => verdict.FailedRules(i).Concat(verdict.ReviewRules(i)))
            .Concat(verdict.Findings.Where(f => f.Cell < 0).Select(f => f.Rule.ToCode()))
            .Distinct(StringComparer.Ordinal).ToList();
        return new ReleaseFile
        {
            RequestId = request.Id, OutputId = output.Id, Name = output.Name,
            CheckStatus = verdict.Status.ToText(), PolicyId = policy.Id, PolicySha256 = policy.Sha256,
            Cells = verdict.CellCount, FailedCells = verdict.FailedCellCount, ReviewCells = verdict.ReviewCellCount,
            Rules = rules.Count == 0 ? null : string.Join(',', rules),
            VerdictFile = verdictFile, VerdictSha256 = await Sha256Async(verdictFile, cancellationToken),
            ProtectedFile = protectedFile, ProtectedSha256 = protectedFile is null ? null : await Sha256Async(protectedFile, cancellationToken),
            CellsFile = cellsFile, CellsSha256 = await Sha256Async(cellsFile, cancellationToken),
        };
    }

    /// <summary>No automated rule applies (no policy for the tier, or a differentially private table, whose noise is its protection).</summary>
    private static ReleaseFile NotChecked(Guid requestId, RunOutput output) =>
        new() { RequestId = requestId, OutputId = output.Id, Name = output.Name, CheckStatus = AutomatedCheckStatuses.NotChecked };

    /// <summary>The policy's hard limits: an output over them never leaves, exception or not.</summary>
    private static void ApplyReleaseLimits(ReleaseFile file, RunOutput output, ReleasePolicy release)
    {
        file.Formats = string.Join(',', release.Formats);
        if (output.Rows > release.MaxRowsPerOutput)
            file.LimitViolation = $"{output.Rows:N0} rows exceed the policy's limit of {release.MaxRowsPerOutput:N0} rows per released output.";
        else if (output.Bytes > release.MaxBytesPerOutput)
            file.LimitViolation = $"{output.Bytes:N0} bytes exceed the policy's limit of {release.MaxBytesPerOutput:N0} bytes per released output.";
    }

    private async Task<ShadowTable> ReadShadowAsync(RunOutput output, CancellationToken cancellationToken)
    {
        var bytes = await FileHashes.ReadVerifiedAsync(dataFolder.Combine(output.ShadowFile!), output.ShadowSha256!, $"The shadow statistics of {output.Name}", cancellationToken);
        return JsonSerializer.Deserialize<ShadowTable>(bytes, WorkerJson.Options) ?? throw new InvalidDataException($"Empty shadow statistics for {output.Name}.");
    }

    /// <summary>The table as the policy lets it leave: key columns, then measures; suppressed values empty, redacted cells left out.</summary>
    private static string ProtectedCsv(ShadowTable shadow, MitigatedTable mitigated)
    {
        var csv = new StringBuilder(CsvText.Line(shadow.Keys.Concat(shadow.Measures.Select(m => m.Name))));
        for (var i = 0; i < shadow.Cells.Count; i++)
        {
            if (mitigated.IsRemoved(i)) continue;
            csv.Append(CsvText.Line(shadow.Cells[i].Key.Select(k => k ?? "")
                .Concat(Enumerable.Range(0, shadow.Measures.Count).Select(m => mitigated.Value(i, m)?.ToString("R", CultureInfo.InvariantCulture) ?? ""))));
        }

        return csv.ToString();
    }

    private Task<string> Sha256Async(string relative, CancellationToken cancellationToken) => FileHashes.Sha256Async(dataFolder.Combine(relative), cancellationToken);
}
