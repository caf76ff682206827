using System.Security.Cryptography;
using System.Text.Json;
using Gatekeeper.Data;
using Gatekeeper.Data.Outputs;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Domain.Runs;
using Gatekeeper.Testing;
using Gatekeeper.VisitingEnvironment.Queries;
using Gatekeeper.VisitingEnvironment.Shadow;
using Gatekeeper.VisitingEnvironment.Worker;
using Gatekeeper.Web.Outputs;

namespace Gatekeeper.Web.Tests;

/// <summary>
/// The automated check as a run's outputs enter the airlock, over a real store: the verdict under the shipped policy,
/// the protected version when cells fail, the policy's release limits, and the differencing check against what the
/// permit already released — nested WHERE filters (HbA1c ≥ 6.4 released, then ≥ 6.5) that isolate fewer than 10 people.
/// </summary>
public sealed class AutomatedOutputCheckTests : IAsyncLifetime
{
    private const string Released = "SELECT consortium_id, count(DISTINCT participant_id) AS n FROM hba1c WHERE hba1c >= 6.4 GROUP BY consortium_id";
    private const string Nested = "SELECT consortium_id, count(DISTINCT participant_id) AS n FROM hba1c WHERE hba1c >= 6.5 GROUP BY consortium_id";

    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private DisclosurePolicy Policy => DisclosurePolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, "disclosure", "default.yaml"));

    [Fact]
    public async Task A_nested_filter_that_differs_from_a_released_output_by_fewer_than_10_people_goes_to_review()
    {
        var permit = await TestPermits.IssueAsync(_store);
        var history = _store.Get<StoreReleaseHistory>();
        var released = OutputPopulation.Of(Released, "dpp", "person");
        var table = new TableOutputBuilder(["consortium_id"]).Measure("n", MeasureKind.Count)
            .Add([KeyPart.Of("C01")], 40, 40, [new MeasureStatistics(40)]).Add([KeyPart.Of("C02")], 60, 60, [new MeasureStatistics(60)]).Build();
        await history.RecordAsync(Disclosure.Differencing.ReleasedOutput.FromTable(Guid.NewGuid().ToString(), permit.Id.ToString(), table, released.ToGroupDefinition()));

        // C01: 40 at ≥ 6.4, 35 at ≥ 6.5 → 5 people between; C02: 60 and 45 → 15 (safe).
        var opening = await CheckAsync(permit, Nested, ("C01", 35), ("C02", 45));

        var file = Assert.Single(opening.Files);
        Assert.Equal(AutomatedCheckStatuses.Review, file.CheckStatus);
        Assert.Equal("differencing", file.Rules);
        Assert.Equal((0, 1), (file.FailedCells, file.ReviewCells));
        Assert.Null(file.ProtectedFile);
        var cells = ReleasedCellsDocument.FromJson(await File.ReadAllTextAsync(Path.Combine(_store.DataFolder, file.CellsFile!)));
        Assert.Equal(6.5m, Assert.Single(cells.Filters).Min);
    }

    [Fact]
    public async Task A_failing_output_gets_a_protected_version_and_an_audit_record_naming_the_rule_and_policy()
    {
        var permit = await TestPermits.IssueAsync(_store);

        var opening = await CheckAsync(permit, "SELECT consortium_id, count(DISTINCT participant_id) AS n FROM participants GROUP BY consortium_id", ("C01", 120), ("C02", 3), ("C03", 60));

        var file = Assert.Single(opening.Files);
        Assert.Equal((AutomatedCheckStatuses.Fail, "threshold", 1), (file.CheckStatus, file.Rules, file.FailedCells));
        Assert.Equal(Policy.Sha256, file.PolicySha256);
        var protectedCsv = await File.ReadAllTextAsync(Path.Combine(_store.DataFolder, file.ProtectedFile!));
        Assert.Contains("C02,\n", protectedCsv, StringComparison.Ordinal); // suppressed
        Assert.DoesNotContain(",3\n", protectedCsv, StringComparison.Ordinal);
        var record = Assert.Single(opening.CheckRecords);
        Assert.Equal(("threshold", Gatekeeper.Audit.AuditOutcome.Refused), (record.Reason, record.Outcome));
        Assert.Null(file.LimitViolation);
        Assert.Equal("csv,parquet", file.Formats);
    }

    [Fact]
    public async Task An_output_over_the_policys_row_limit_is_marked_as_unreleasable()
    {
        var permit = await TestPermits.IssueAsync(_store);

        var opening = await CheckAsync(permit, "SELECT consortium_id, count(*) AS n FROM participants GROUP BY consortium_id", rows: 250_000, ("C01", 120));

        Assert.Contains("250,000 rows exceed the policy's limit of 100,000", Assert.Single(opening.Files).LimitViolation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_microdata_output_is_generalised_until_10_anonymous_and_leaves_as_its_anonymised_version()
    {
        var permit = await TestPermits.IssueAsync(_store);
        var run = QueryRun.Request(permit.Id, permit.Number, "dpp", TestActors.Sato.UserId, "Sato", TestActors.Sato.OrganisationId, "researcher",
            "SELECT age, sex, hba1c FROM participants JOIN hba1c USING (participant_id)", new string('a', 64), _store.Time.GetUtcNow());
        var folder = $"airlock/{run.Id:N}";
        var parquet = Path.Combine(_store.DataFolder, folder, "tables", "result.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(parquet)!);
        // 400 people, ages 40–79 (one year each 10 people), two sexes, HbA1c spread: exact ages make classes of 5.
        using (var duck = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            duck.Open();
            using var command = duck.CreateCommand();
            command.CommandText = $"COPY (SELECT 40 + (i % 40) AS age, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END AS sex, round(5.0 + (i % 23) / 10.0, 1) AS hba1c FROM range(400) t(i)) TO '{parquet}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }

        var output = new RunOutput
        {
            RunId = run.Id, PermitId = permit.Id, Name = "result", Sql = run.Query, Plan = AutomatedOutputCheck.MicrodataPlan, Rows = 400,
            ParquetFile = $"{folder}/tables/result.parquet", ParquetSha256 = await FileHashes.Sha256Async(parquet, CancellationToken.None),
            CsvFile = $"{folder}/tables/result.csv", CsvSha256 = new string('c', 64), Bytes = 100, CreatedAt = _store.Time.GetUtcNow(),
        };
        var check = new AutomatedOutputCheck(new DataFolder(_store.DataFolder), _store.Get<StoreReleaseHistory>(), new MicrodataOutputCheck(new DataFolder(_store.DataFolder)), _store.Time);

        var opening = await check.CheckAsync(run, permit, Policy, [output], folder, CancellationToken.None);

        var file = Assert.Single(opening.Files);
        Assert.Equal(400, file.Cells);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_store.DataFolder, file.VerdictFile!)));
        Assert.True(report.RootElement.GetProperty("kAnonymity").GetProperty("smallestClassAfterSuppression").GetInt32() >= 10);
        Assert.Contains(report.RootElement.GetProperty("generalisations").EnumerateArray(), g => g.GetProperty("column").GetString() == "age" && g.GetProperty("level").GetInt32() > 0);
        var anonymised = await File.ReadAllLinesAsync(Path.Combine(_store.DataFolder, file.ProtectedFile!));
        Assert.Equal("age,sex,hba1c", anonymised[0]);
        Assert.DoesNotContain(anonymised.Skip(1), line => System.Text.RegularExpressions.Regex.IsMatch(line, "^[0-9]+,"));  // no exact age leaves
    }

    private Task<ReleaseOpening> CheckAsync(Domain.Permits.DataPermit permit, string sql, params (string Key, long Persons)[] cells) =>
        CheckAsync(permit, sql, cells.Length, cells);

    private async Task<ReleaseOpening> CheckAsync(Domain.Permits.DataPermit permit, string sql, long rows, params (string Key, long Persons)[] cells)
    {
        var run = QueryRun.Request(permit.Id, permit.Number, "dpp", TestActors.Sato.UserId, "Sato", TestActors.Sato.OrganisationId, "researcher", sql, new string('a', 64), _store.Time.GetUtcNow());
        var folder = $"airlock/{run.Id:N}";
        var shadow = new ShadowTable
        {
            Table = "result", Keys = ["consortium_id"], Measures = [new ShadowMeasure("n", MeasureKind.Count, "count", CountsPersons: true)],
            Cells = [.. cells.Select(c => new ShadowCell([c.Key], c.Persons, c.Persons, false, [new ShadowMeasureStatistics(c.Persons, c.Persons, c.Persons, false)]))],
        };
        var shadowPath = Path.Combine(_store.DataFolder, folder, "shadow", "result.json");
        Directory.CreateDirectory(Path.GetDirectoryName(shadowPath)!);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(shadow, WorkerJson.Options);
        await File.WriteAllBytesAsync(shadowPath, bytes);
        var output = new RunOutput
        {
            RunId = run.Id, PermitId = permit.Id, Name = "result", Sql = sql, Plan = "single-pass", Rows = rows,
            ParquetFile = $"{folder}/tables/result.parquet", ParquetSha256 = new string('b', 64), CsvFile = $"{folder}/tables/result.csv", CsvSha256 = new string('c', 64),
            ShadowFile = $"{folder}/shadow/result.json", ShadowSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Bytes = 100, CreatedAt = _store.Time.GetUtcNow(),
        };
        var check = new AutomatedOutputCheck(new DataFolder(_store.DataFolder), _store.Get<StoreReleaseHistory>(), new MicrodataOutputCheck(new DataFolder(_store.DataFolder)), _store.Time);
        return await check.CheckAsync(run, permit, Policy, [output], folder, CancellationToken.None);
    }
}
