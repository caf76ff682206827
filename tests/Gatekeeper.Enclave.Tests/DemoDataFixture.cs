using Gatekeeper.Domain.Applications;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Synthetic;
using Gatekeeper.Policies.Purposes;
using Gatekeeper.VisitingEnvironment.Runs;
using Gatekeeper.VisitingEnvironment.Sandbox;

namespace Gatekeeper.Enclave.Tests;

/// <summary>
/// A small synthetic programme (the demo generator's data, imported through the real importer into a fresh data
/// folder) shared by the tests that run queries, and run executors over it.
/// </summary>
public sealed class DemoDataFixture : IAsyncLifetime
{
    public const string Dataset = "dpp";
    public const int Participants = 40;

    public DemoDataFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "gk-enclave-tests", Guid.NewGuid().ToString("N"));
        Layout = new DataLayout(Path.Combine(Root, "data"));
        Keys = new FileKeyProvider(Layout);
        Consent = new FileConsentRegistry(Layout);
        Store = new AnalysisStore(Layout);
    }

    public string Root { get; }

    public DataLayout Layout { get; }

    public FileKeyProvider Keys { get; }

    public FileConsentRegistry Consent { get; }

    public AnalysisStore Store { get; }

    public static string RepositoryRoot { get; } = FindRoot();

    public async Task InitializeAsync()
    {
        var csv = Path.Combine(Root, "csv");
        await new DemoDataGenerator().GenerateAsync(new DemoDataOptions { Participants = Participants, Days = 60, OutputFolder = csv, OptOutRate = 0.1, RefusalRate = 0.1 });
        var policies = Path.Combine(RepositoryRoot, "policies");
        var purposes = PurposePolicyLoader.Load(Path.Combine(policies, PurposePolicyLoader.FileName)).Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var importer = new ExchangeImporter(Layout, Keys, new FileImportLog(Layout), Consent, CoarseningPolicyLoader.Load(Path.Combine(policies, "ingest", "coarsening.yaml")), purposes);
        foreach (var file in Directory.GetFiles(csv, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var result = await importer.ImportAsync(Dataset, file);
            if (result.Outcome is not (Ingest.Storage.ImportOutcome.Committed or Ingest.Storage.ImportOutcome.AlreadyImported))
                throw new InvalidOperationException($"Import of {file} failed: {result.Record.Message}");
        }
    }

    /// <summary>An executor with its own runs folder; <paramref name="configure"/> changes options (bwrap path, dev switch).</summary>
    public RunExecutor Executor(Action<VisitingEnvironmentOptions>? configure = null, TimeProvider? time = null, Disclosure.Privacy.Budget.IPrivacyBudgetLedger? ledger = null)
    {
        var options = new VisitingEnvironmentOptions
        {
            RunsFolder = Path.Combine(Root, "runs", Guid.NewGuid().ToString("N")),
            PersonsCacheFolder = Path.Combine(Root, "persons-cache"),
            WarmWorkers = 0,
        };
        configure?.Invoke(options);
        return new RunExecutor(options, Store, Consent, Keys, new SandboxProbe(options), time, ledger);
    }

    /// <summary>A run of <paramref name="query"/> under a permit granting <paramref name="tables"/> (all variables when none are listed).</summary>
    public RunSpec Spec(string query, OutputTier tier = OutputTier.AggregateStatistics, RunLimits? limits = null, string permit = "P-1", string purpose = "scientific-research", params RunTable[] tables) => new()
    {
        RunId = "run-" + Guid.NewGuid().ToString("N")[..12],
        PermitId = permit,
        DatasetId = Dataset,
        PurposeCode = purpose,
        Tier = tier,
        Query = query,
        Tables = tables.Length > 0 ? tables : [.. Store.Tables(Dataset).Select(t => new RunTable(t, AllVariables(t)))],
        Limits = limits ?? new RunLimits(TimeSpan.FromSeconds(60), 512, 60, 10_000, 10L * 1024 * 1024),
    };

    public IReadOnlyList<string> AllVariables(string table) =>
        [.. Store.ReadCatalogueAsync(Dataset, table).GetAwaiter().GetResult()!.Variables.Select(v => v.Name)];

    public async Task<Pseudonymiser> PseudonymiserAsync() => await Pseudonymiser.CreateAsync(Keys, Dataset);

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gatekeeper.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Gatekeeper.sln not found above " + AppContext.BaseDirectory);
    }
}
