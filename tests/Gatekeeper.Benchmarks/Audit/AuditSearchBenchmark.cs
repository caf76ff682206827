using BenchmarkDotNet.Attributes;
using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit.Search;

namespace Gatekeeper.Benchmarks.Audit;

/// <summary>
/// Issue 9 target: the console's filtered page query under 150 ms at 10 M entries. One page of 50, newest first, with
/// the match count (capped at 10,000), through the read-only search service, on SQLite and (when
/// <c>GATEKEEPER_TEST_POSTGRES</c> is set) PostgreSQL. The store size is 1,000,000 entries unless
/// <c>GK_AUDIT_SEARCH_ENTRIES</c> says otherwise (e.g. 10000000; built once by bulk load, no export file);
/// <c>GK_AUDIT_SEARCH_PROVIDERS</c> (e.g. <c>Postgres</c>) limits the stores.
/// </summary>
[Config(typeof(AuditBenchmarkConfig))]
public class AuditSearchBenchmark
{
    private AuditBenchmarkStore _store = null!;
    private AuditLogSearch _search = null!;

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    public static IEnumerable<DatabaseProvider> Providers =>
        (AuditBenchmarkStore.PostgresAvailable ? new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres } : [DatabaseProvider.Sqlite])
        .Where(p => Environment.GetEnvironmentVariable("GK_AUDIT_SEARCH_PROVIDERS") is not { Length: > 0 } only || only.Contains(p.ToString(), StringComparison.OrdinalIgnoreCase));

    public static int Entries =>
        int.TryParse(Environment.GetEnvironmentVariable("GK_AUDIT_SEARCH_ENTRIES"), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : AuditVerificationBenchmark.Entries;

    [GlobalSetup]
    public void Setup()
    {
        _store = AuditBenchmarkStore.OpenAsync(Provider, Entries, withExport: Entries == AuditVerificationBenchmark.Entries).GetAwaiter().GetResult();
        _search = _store.Get<AuditLogSearch>();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The console's landing page: the newest 50 entries and the count.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Newest_page() => PageAsync(new AuditSearchQuery());

    /// <summary>One person's runs: actor and an action family.</summary>
    [Benchmark]
    public Task<int> Actor_and_action_family() => PageAsync(new AuditSearchQuery { ActorId = "u-0130", Action = "run." });

    /// <summary>Everything about one permit (any subject position, through the subject index).</summary>
    [Benchmark]
    public Task<int> Permit_subject() => PageAsync(new AuditSearchQuery { SubjectId = "P-00150" });

    /// <summary>Refusals within one day in the middle of the log.</summary>
    [Benchmark]
    public Task<int> One_day_refusals() => PageAsync(new AuditSearchQuery
    {
        From = AuditBenchmarkStore.Start.AddDays(17), To = AuditBenchmarkStore.Start.AddDays(18), Outcome = AuditOutcome.Refused,
    });

    /// <summary>Free text in the reason within one organisation.</summary>
    [Benchmark]
    public Task<int> Organisation_and_reason_text() => PageAsync(new AuditSearchQuery { OrganisationId = "org-008", Text = "budget" });

    /// <summary>Page 100 of an action (offset paging, the slowest way to page).</summary>
    [Benchmark]
    public Task<int> Deep_page_of_an_action() => PageAsync(new AuditSearchQuery { Action = "check.result", PageIndex = 100 });

    private async Task<int> PageAsync(AuditSearchQuery query)
    {
        var page = await _search.SearchAsync(query with { PageSize = 50 }, default);
        return page.Items.Count == 0 ? throw new InvalidOperationException("The benchmark query matched nothing.") : page.Items.Count + (int)(page.TotalCount ?? 0);
    }
}
