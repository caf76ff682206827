using BenchmarkDotNet.Attributes;
using Gatekeeper.Data;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Common;
using Gatekeeper.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Benchmarks.Workflows;

/// <summary>
/// ELSI review issue target: with 10,000 open applications and 50,000 tasks in PostgreSQL, the review queue's
/// data query returns a filtered, sorted page in under 100 ms. The database is seeded once (and kept between
/// runs) by <see cref="ReviewQueueSeeder"/>; each benchmark is one <see cref="ReviewQueueService.QueryAsync"/>
/// call: a COUNT of the matching rows and one page, both filtered by the caller's rights in SQL.
/// </summary>
[Config(typeof(ReviewQueueBenchmarkConfig))]
public class ReviewQueueBenchmark
{
    private ReviewQueueService _queue = null!;

    private static readonly Actor Reviewer = new("bench-reviewer-07", "Reviewer 07", "reviewer07@elsi.example", "elsi-board", new HashSet<string> { Roles.ElsiReviewer });
    private static readonly Actor Chair = new("bench-chair-1", "Chair 1", "chair1@elsi.example", "elsi-board", new HashSet<string> { Roles.ElsiChair });
    private static readonly Actor Steward = new("bench-steward-2", "Steward 2", "steward2@hdab.example", "gatekeeper-body", new HashSet<string> { Roles.DataSteward });

    [GlobalSetup]
    public void Setup()
    {
        var connectionString = ReviewQueueSeeder.EnsureSeededAsync(CancellationToken.None).GetAwaiter().GetResult();
        var options = new DbContextOptionsBuilder<GatekeeperDbContext>();
        GatekeeperDataExtensions.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString }, ".");
        _queue = new ReviewQueueService(new ContextFactory(options.Options), WorkflowCatalog.LoadFolder(Path.Combine(RepositoryPaths.Root, "workflows")), TimeProvider.System);
    }

    /// <summary>A reviewer's own open tasks, by decision deadline, first page.</summary>
    [Benchmark]
    public int My_tasks_by_deadline() => Run(Reviewer, new ReviewQueueQuery { Scope = ReviewQueueScope.Mine });

    /// <summary>The reviewers' team queue filtered to high-risk panel reviews, by deadline.</summary>
    [Benchmark]
    public int Team_high_risk_panel_by_deadline() =>
        Run(Reviewer, new ReviewQueueQuery { Scope = ReviewQueueScope.Team, States = ["panel_review"], RiskLevel = "high" });

    /// <summary>The chair's view of every open review task (assigner), due within 30 days, latest deadline first, page 5.</summary>
    [Benchmark]
    public int Chair_all_tasks_due_soon_page_5() =>
        Run(Chair, new ReviewQueueQuery
        {
            Scope = ReviewQueueScope.Team, DeadlineBefore = ReviewQueueSeeder.Now.AddDays(30), Sort = ReviewQueueSort.Deadline, Descending = true, Page = 5,
        });

    /// <summary>The stewards' screening queue, overdue tasks first by task due date.</summary>
    [Benchmark]
    public int Steward_team_overdue_by_due_date() =>
        Run(Steward, new ReviewQueueQuery { Scope = ReviewQueueScope.Team, OverdueOnly = true, Sort = ReviewQueueSort.TaskDue });

    /// <summary>The chair searching by title text across all open tasks.</summary>
    [Benchmark]
    public int Chair_search_title() =>
        Run(Chair, new ReviewQueueQuery { Scope = ReviewQueueScope.Team, Search = "cohort 42" });

    private int Run(Actor actor, ReviewQueueQuery query) => _queue.QueryAsync(actor, query, CancellationToken.None).GetAwaiter().GetResult().Total;

    private sealed class ContextFactory(DbContextOptions<GatekeeperDbContext> options) : IDbContextFactory<GatekeeperDbContext>
    {
        public GatekeeperDbContext CreateDbContext() => new(options);
    }
}
