using Xunit;
using System.Text;
using DuckDB.NET.Data;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;
using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Outputs;
using Gatekeeper.Data.Runs;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Runs;
using Gatekeeper.Testing;

namespace Gatekeeper.Testing.Outputs;

/// <summary>
/// A succeeded run with two outputs in the airlock, as the run worker records it: real files under the store's data
/// folder (with their SHA-256), one output that passed the automated check and one that failed the threshold rule.
/// </summary>
public sealed class ReleaseScenario
{
    public const string PassingCsv = "consortium_id,n\nC01,120\nC02,98\n";
    public const string FailingCsv = "consortium_id,n\nC01,120\nC08,3\n";
    public const string ProtectedCsv = "consortium_id,n\nC01,120\nC08,\n";

    public required DataPermit Permit { get; init; }

    public required QueryRun Run { get; init; }

    public required ReleaseRequest Request { get; init; }

    public static async Task<ReleaseScenario> CreateAsync(TestStore store, params string[] teamEmails)
    {
        var permit = await TestPermits.IssueAsync(store, teamEmails);
        var queue = store.Get<RunQueue>();
        var jobs = store.Get<RunJobs>();
        var submitted = await queue.SubmitAsync(TestActors.Sato, permit.Id, null, "SELECT consortium_id, count(*) AS n FROM participants GROUP BY consortium_id", new RecordingCheck(), CancellationToken.None);
        var run = submitted.Value!;
        ClaimedRun? claim;
        while ((claim = await jobs.ClaimNextAsync("release-tests", CancellationToken.None)) is not null && claim.Id != run.Id)
            await jobs.CompleteAsync(claim, new RunCompletion { State = RunState.Cancelled, ReasonCode = "cancelled" }, CancellationToken.None);
        Assert.NotNull(claim);
        ArgumentNullException.ThrowIfNull(claim);

        var folder = $"airlock/{run.Id:N}";
        var requestId = Guid.NewGuid();
        var request = new ReleaseRequest
        {
            Id = requestId, Number = ReleaseRequest.NumberFor(requestId), RunId = run.Id, RunNumber = run.Number, PermitId = permit.Id, PermitNumber = permit.Number,
            ApplicationId = permit.ApplicationId, DatasetId = run.DatasetId, RequesterId = run.RequesterId, RequesterName = run.RequesterName,
            RequesterOrganisationId = run.RequesterOrganisationId, CreatedAt = store.Time.GetUtcNow(),
        };
        var outputs = new List<RunOutput>();
        var files = new List<ReleaseFile>();
        foreach (var (name, csv, status) in new[] { ("by_consortium", PassingCsv, AutomatedCheckStatuses.Pass), ("small_cells", FailingCsv, AutomatedCheckStatuses.Fail) })
        {
            var output = new RunOutput
            {
                RunId = run.Id, PermitId = permit.Id, Name = name, Sql = run.Query, Plan = "single-pass", Rows = 2,
                CsvFile = Write(store, $"{folder}/tables/{name}.csv", csv), CsvSha256 = Sha(csv),
                ParquetFile = ParquetOf(store, $"{folder}/tables/{name}.csv"), ParquetSha256 = Sha(File.ReadAllBytes(Path.Combine(store.DataFolder, $"{folder}/tables/{name}.parquet"))),
                Bytes = csv.Length + 4, CreatedAt = store.Time.GetUtcNow(),
            };
            outputs.Add(output);
            var failing = status == AutomatedCheckStatuses.Fail;
            var cells = new ReleasedCellsDocument
            {
                Universe = "dpp/person/test", KeyColumns = ["consortium_id"],
                Cells = [new(["C01"], 120, false), new([failing ? "C08" : "C02"], failing ? 3 : 98, failing)],
            }.ToJson();
            files.Add(new ReleaseFile
            {
                RequestId = requestId, OutputId = output.Id, Name = name, CheckStatus = status, PolicyId = "default", PolicySha256 = new string('e', 64),
                Cells = 2, FailedCells = failing ? 1 : 0, Rules = failing ? "threshold" : null,
                ProtectedFile = failing ? Write(store, $"{folder}/checks/{name}.protected.csv", ProtectedCsv) : null,
                ProtectedSha256 = failing ? Sha(ProtectedCsv) : null,
                CellsFile = Write(store, $"{folder}/checks/{name}.cells.json", cells), CellsSha256 = Sha(cells),
                Formats = failing ? "csv,parquet" : "csv",
                VerdictFile = VerdictOf(store, $"{folder}/checks/{name}.verdict.json", failing, out var verdictSha), VerdictSha256 = verdictSha,
            });
        }

        var checks = files.Select(f => AuditRecords.CheckResult(store.Time.GetUtcNow(), new AuditActor("system", "system"), f.OutputId.ToString(), run.Id.ToString(),
            permit.Id.ToString(), f.CheckStatus == AutomatedCheckStatuses.Pass, f.Rules, f.PolicySha256!)).ToList();
        Assert.True(await jobs.CompleteAsync(claim, new RunCompletion
        {
            State = RunState.Succeeded, Message = "2 result tables in the airlock.", AirlockFolder = folder, ManifestSha256 = new string('a', 64),
            Outputs = outputs, Release = new ReleaseOpening(request, files, checks),
        }, CancellationToken.None));
        return new ReleaseScenario { Permit = permit, Run = run, Request = request };
    }

    public static string Sha(string text) => FileHashes.Sha256(Encoding.UTF8.GetBytes(text));

    public static string Sha(byte[] bytes) => FileHashes.Sha256(bytes);

    /// <summary>The automated check's verdict on the table, made by the real checker under the shipped default policy.</summary>
    private static string VerdictOf(TestStore store, string relative, bool failing, out string sha256)
    {
        var policy = DisclosurePolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, "disclosure", "default.yaml"));
        var table = new TableOutputBuilder(["consortium_id"]).Measure("n", MeasureKind.Count)
            .Add([KeyPart.Of("C01")], 120, 120, [new MeasureStatistics(120)])
            .Add([KeyPart.Of(failing ? "C08" : "C02")], failing ? 3 : 98, failing ? 3 : 98, [new MeasureStatistics(failing ? 3 : 98)])
            .Build();
        var json = VerdictJsonWriter.ToJson(TableChecker.Check(table, policy));
        sha256 = Sha(json);
        return Write(store, relative, json);
    }

    /// <summary>The result table's Parquet beside its CSV, written by DuckDB as the worker does.</summary>
    private static string ParquetOf(TestStore store, string csvRelative)
    {
        var parquet = Path.ChangeExtension(csvRelative, ".parquet");
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_csv('{Path.Combine(store.DataFolder, csvRelative)}', header = true)) TO '{Path.Combine(store.DataFolder, parquet)}' (FORMAT parquet)";
        command.ExecuteNonQuery();
        return parquet;
    }

    private static string Write(TestStore store, string relative, string content)
    {
        var path = Path.Combine(store.DataFolder, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return relative;
    }
}
