using Gatekeeper.Domain.Applications;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Synthetic;
using Gatekeeper.VisitingEnvironment.Runs;
using Gatekeeper.VisitingEnvironment.Sandbox;

namespace Gatekeeper.Benchmarks.VisitingEnvironment;

/// <summary>
/// The synthetic programme as published analysis tables, for the visiting-environment benchmarks: the data folder in
/// <c>GK_VE_DATA</c> (e.g. one made with <c>gatekeeper demo-data --participants 100000</c> and <c>gatekeeper ingest</c>),
/// otherwise <c>GK_VE_PARTICIPANTS</c> participants (default 2,000) generated and imported once into the temp folder.
/// </summary>
public sealed class VisitingEnvironmentBenchData
{
    public const string Dataset = "dpp";

    /// <summary>Mean daily steps by consortium × month × baseline HbA1c group: the issue's benchmark query.</summary>
    public const string StepsQuery = """
        WITH grp AS (
          SELECT participant_id,
                 CASE WHEN arg_min(hba1c, observation_date) >= 6.5 THEN 'diabetes'
                      WHEN arg_min(hba1c, observation_date) >= 5.6 THEN 'prediabetes' ELSE 'normal' END AS hba1c_group
          FROM hba1c GROUP BY participant_id)
        SELECT p.consortium_id, date_trunc('month', a.observation_time) AS month, g.hba1c_group,
               avg(a.step) AS mean_daily_steps, count(*) AS person_days
        FROM activity a JOIN participants p USING (participant_id) JOIN grp g USING (participant_id)
        GROUP BY ALL ORDER BY ALL
        """;

    public static readonly RunTable[] Tables =
    [
        new("activity", ["participant_id", "observation_time", "step"]),
        new("participants", ["participant_id", "consortium_id"]),
        new("hba1c", ["participant_id", "observation_date", "hba1c"]),
    ];

    private VisitingEnvironmentBenchData(DataLayout layout)
    {
        Layout = layout;
        Store = new AnalysisStore(layout);
        Keys = new FileKeyProvider(layout);
        Consent = new FileConsentRegistry(layout);
        RunsFolder = Path.Combine(Path.GetTempPath(), "gk-ve-bench", "runs-" + Guid.NewGuid().ToString("N"));
    }

    public DataLayout Layout { get; }

    public AnalysisStore Store { get; }

    public FileKeyProvider Keys { get; }

    public FileConsentRegistry Consent { get; }

    public string RunsFolder { get; }

    public long ActivityRows { get; private set; }

    public static VisitingEnvironmentBenchData Open()
    {
        var folder = Environment.GetEnvironmentVariable("GK_VE_DATA");
        if (string.IsNullOrWhiteSpace(folder))
        {
            var participants = int.TryParse(Environment.GetEnvironmentVariable("GK_VE_PARTICIPANTS"), out var p) ? p : 2000;
            folder = Path.Combine(Path.GetTempPath(), "gk-ve-bench", $"data-{participants}");
            if (!File.Exists(Path.Combine(folder, ".ready"))) Generate(folder, participants);
        }

        var data = new VisitingEnvironmentBenchData(new DataLayout(folder));
        data.ActivityRows = data.Store.ReadCatalogueAsync(Dataset, "activity").GetAwaiter().GetResult()?.RowCount
            ?? throw new InvalidOperationException($"No activity table in {folder}.");
        Console.WriteLine($"// data: {folder}, {data.ActivityRows:N0} activity rows");
        return data;
    }

    /// <summary>An executor over the data: sandboxed with a warm worker (the default), sandboxed cold, or unsandboxed.</summary>
    public RunExecutor Executor(bool sandboxed = true, int warmWorkers = 1, Gatekeeper.Disclosure.Privacy.Budget.IPrivacyBudgetLedger? ledger = null) => new(
        new VisitingEnvironmentOptions
        {
            RunsFolder = RunsFolder,
            PersonsCacheFolder = Path.Combine(RunsFolder, ".persons"),
            BubblewrapPath = sandboxed ? "/usr/bin/bwrap" : "/nonexistent/bwrap",
            AllowUnsandboxedRuns = !sandboxed,
            WarmWorkers = warmWorkers,
        },
        Store,
        Consent,
        Keys,
        ledger: ledger);

    public static RunSpec Spec(string query) => new()
    {
        RunId = "bench-" + Guid.NewGuid().ToString("N")[..12],
        PermitId = "P-bench",
        DatasetId = Dataset,
        PurposeCode = "scientific-research",
        Tier = OutputTier.AggregateStatistics,
        Query = query,
        Tables = Tables,
        Limits = new RunLimits(TimeSpan.FromMinutes(5), 4096, 600, 100_000, 100L * 1024 * 1024),
    };

    /// <summary>Timings of the runs so far, for the phase breakdown printed after the benchmark.</summary>
    public List<RunTimings> Timings { get; } = [];

    /// <summary>The host's preparation line of each run (catalogue, validation, persons).</summary>
    public List<string> HostLines { get; } = [];

    /// <summary>Runs the spec and removes the run's folder; throws unless it succeeded.</summary>
    public RunOutcome Run(RunExecutor executor, string query) => Run(executor, Spec(query));

    /// <summary>Runs the spec and removes the run's folder; throws unless it succeeded.</summary>
    public RunOutcome Run(RunExecutor executor, RunSpec spec)
    {
        var outcome = executor.ExecuteAsync(spec).GetAwaiter().GetResult();
        if (!outcome.Succeeded) throw new InvalidOperationException($"{outcome.Status}: {outcome.Message}");
        Directory.Delete(Path.GetDirectoryName(outcome.OutputFolder!)!, recursive: true);
        Timings.Add(outcome.Timings);
        HostLines.Add(outcome.Log.FirstOrDefault(l => l.StartsWith("host: catalogue", StringComparison.Ordinal)) ?? "");
        HostLines.Add(outcome.Log.FirstOrDefault(l => l.Contains(" plan", StringComparison.Ordinal)) ?? "");
        return outcome;
    }

    /// <summary>Median milliseconds of each phase over the recorded runs (host and worker).</summary>
    public void PrintPhases(string title)
    {
        if (Timings.Count == 0) return;
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        }

        var parts = new List<string>
        {
            $"host prepare {Median(Timings.Select(t => t.Prepare.TotalMilliseconds)):0}",
            $"worker process {Median(Timings.Select(t => t.Worker.TotalMilliseconds)):0}",
            $"(of which stopping a done worker {Median(Timings.Select(t => t.Stop.TotalMilliseconds)):0})",
            $"read back {Median(Timings.Select(t => t.Read.TotalMilliseconds)):0}",
            $"total {Median(Timings.Select(t => t.Total.TotalMilliseconds)):0}",
        };
        foreach (var phase in Timings.SelectMany(t => t.WorkerPhases.Keys).Distinct())
            parts.Add($"worker {phase} {Median(Timings.Select(t => t.WorkerPhases.GetValueOrDefault(phase))):0}");
        Console.WriteLine($"// {title}, median ms over {Timings.Count} runs: {string.Join(", ", parts)}");
        foreach (var line in HostLines.TakeLast(4)) Console.WriteLine("//   " + line);
        Timings.Clear();
        HostLines.Clear();
    }

    public void Cleanup()
    {
        if (Directory.Exists(RunsFolder)) Directory.Delete(RunsFolder, recursive: true);
    }

    private static void Generate(string folder, int participants)
    {
        Console.WriteLine($"// generating and importing {participants:N0} synthetic participants into {folder} (once)");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var csv = Path.Combine(folder, "csv");
        new DemoDataGenerator().GenerateAsync(new DemoDataOptions { Participants = participants, OutputFolder = csv }).GetAwaiter().GetResult();
        var layout = new DataLayout(folder);
        var importer = new ExchangeImporter(layout, new FileKeyProvider(layout), new FileImportLog(layout), new FileConsentRegistry(layout),
            CoarseningPolicyLoader.Load(Path.Combine(RepositoryPaths.Root, "policies", "ingest", "coarsening.yaml")),
            new HashSet<string> { "public-interest", "official-statistics", "scientific-research", "product-development", "ai-training", "education", "personalised-medicine" });
        foreach (var file in Directory.GetFiles(csv, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var result = importer.ImportAsync(Dataset, file).GetAwaiter().GetResult();
            if (result.Outcome is not (ImportOutcome.Committed or ImportOutcome.AlreadyImported)) throw new InvalidOperationException(result.Record.Message);
        }

        Directory.Delete(csv, recursive: true);
        File.WriteAllText(Path.Combine(folder, ".ready"), "");
    }
}
