using Gatekeeper.Data;
using Gatekeeper.Data.Catalogue;
using Gatekeeper.Data.Seeding;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Policies.Purposes;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gatekeeper.Benchmarks.Workflows;

/// <summary>
/// Seeds the database <c>gk_bench_review_queue</c> on the PostgreSQL server named by <c>GATEKEEPER_TEST_POSTGRES</c>
/// (an admin connection string, as <c>scripts/ensure-postgres.sh</c> prints): 10,000 submitted applications under
/// review and 50,000 tasks (about 16,000 open), spread over the review states, 40 reviewers, 6 stewards and 3 chairs.
/// Seeded once; a later run reuses it (drop the database to reseed).
/// </summary>
public static class ReviewQueueSeeder
{
    public const string Database = "gk_bench_review_queue";
    public const int Applications = 10_000;
    public const int TasksPerApplication = 5;

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static async Task<string> EnsureSeededAsync(CancellationToken cancellationToken)
    {
        var admin = Environment.GetEnvironmentVariable("GATEKEEPER_TEST_POSTGRES")
                    ?? throw new InvalidOperationException("Set GATEKEEPER_TEST_POSTGRES to an admin connection string (export GATEKEEPER_TEST_POSTGRES=$(bash scripts/ensure-postgres.sh)).");
        var builder = new NpgsqlConnectionStringBuilder(admin);
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{Database}'", connection);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Database}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        builder.Database = Database;
        var options = new DbContextOptionsBuilder<GatekeeperDbContext>();
        GatekeeperDataExtensions.Configure(options, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = builder.ConnectionString, CommandTimeoutSeconds = 600 }, ".");
        await using (var db = new GatekeeperDbContext(options.Options))
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (await db.WorkflowTasks.CountAsync(cancellationToken) >= Applications * TasksPerApplication) return builder.ConnectionString;
        }

        Console.WriteLine($"Seeding {Applications:N0} applications and {Applications * TasksPerApplication:N0} tasks into {Database} …");
        await SeedAsync(options.Options, cancellationToken);
        await using (var db = new GatekeeperDbContext(options.Options))
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        return builder.ConnectionString;
    }

    private static async Task SeedAsync(DbContextOptions<GatekeeperDbContext> options, CancellationToken cancellationToken)
    {
        var definition = WorkflowCatalog.LoadFolder(Path.Combine(RepositoryPaths.Root, "workflows")).Get("secondary-use-review");
        var purposes = PurposePolicyLoader.Load(Path.Combine(RepositoryPaths.Root, "policies", PurposePolicyLoader.FileName));
        var dataset = DiabetesPreventionCatalogue.Create();
        var catalogue = new CatalogueSnapshot([dataset]);
        var organisations = Enumerable.Range(1, 20).Select(i => new Organisation { Id = $"bench-org-{i:00}", Name = $"Research organisation {i:00}" })
            .Concat([new Organisation { Id = "elsi-board", Name = "ELSI board" }, new Organisation { Id = "gatekeeper-body", Name = "Access body" }]).ToList();
        var applicants = Enumerable.Range(1, 200).Select(i => new UserProfile
        {
            Id = $"bench-researcher-{i:000}", DisplayName = $"Researcher {i:000}", Email = $"researcher{i:000}@org{i % 20 + 1:00}.example",
            OrganisationId = $"bench-org-{i % 20 + 1:00}", Roles = [Roles.Researcher],
        }).ToList();
        var reviewers = Enumerable.Range(1, 40).Select(i => Staff($"bench-reviewer-{i:00}", $"reviewer{i:00}@elsi.example", "elsi-board", Roles.ElsiReviewer)).ToList();
        var stewards = Enumerable.Range(1, 6).Select(i => Staff($"bench-steward-{i}", $"steward{i}@hdab.example", "gatekeeper-body", Roles.DataSteward)).ToList();
        var chairs = Enumerable.Range(1, 3).Select(i => Staff($"bench-chair-{i}", $"chair{i}@elsi.example", "elsi-board", Roles.ElsiChair)).ToList();

        await using (var db = new GatekeeperDbContext(options))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                "TRUNCATE workflow_steps, workflow_timers, workflow_tasks, workflow_instances, application_transitions, application_team_members, applications, user_profiles, organisations, datasets CASCADE",
                cancellationToken);
            db.Organisations.AddRange(organisations);
            db.UserProfiles.AddRange([.. applicants, .. reviewers, .. stewards, .. chairs]);
            db.Datasets.Add(dataset);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        var random = new Random(20261123);
        string[] states = ["screening", "single_review", "panel_review", "chair_decision"];
        for (var batch = 0; batch < Applications / 500; batch++)
        {
            await using var db = new GatekeeperDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var n = batch * 500; n < (batch + 1) * 500; n++)
            {
                var person = applicants[n % applicants.Count];
                var actor = new Actor(person.Id, person.DisplayName, person.Email, person.OrganisationId, person.Roles.ToHashSet());
                var submittedAt = Now.AddMinutes(-random.Next(0, 90 * 24 * 60));
                var today = DateOnly.FromDateTime(submittedAt.UtcDateTime);
                var app = SecondaryUseApplication.StartDraft(actor, $"GK-B-{n:000000}", Content(n, person, today), submittedAt).Value!;
                var submitted = app.Submit(actor, catalogue, purposes, organisations.First(o => o.Id == person.OrganisationId), app.ConcurrencyStamp, submittedAt);
                if (!submitted.Succeeded) throw new InvalidOperationException(submitted.ToString());
                db.Applications.Add(app);

                var state = states[random.Next(states.Length)];
                var high = state == "panel_review" || (state == "chair_decision" && random.Next(3) == 0);
                var instance = new WorkflowInstance
                {
                    Id = Guid.NewGuid(), DefinitionId = definition.Id, DefinitionVersion = definition.Sha256, SubjectType = WorkflowSubjects.Application,
                    SubjectId = app.Id, ApplicationId = app.Id, Reference = app.Reference, Title = app.Title, ApplicantId = person.Id,
                    OrganisationId = person.OrganisationId, State = state, Visit = TasksPerApplication, StepCount = TasksPerApplication,
                    Status = WorkflowInstanceStatus.Running, Facts = "{}", RiskScore = high ? 6 : 1, RiskLevel = high ? "high" : "low",
                    StartedAt = submittedAt, UpdatedAt = submittedAt, DeadlineAt = submittedAt.AddMonths(3), ConcurrencyStamp = Guid.NewGuid(),
                };
                db.WorkflowInstances.Add(instance);

                var open = state == "panel_review" ? 3 : 1;
                for (var slot = 0; slot < TasksPerApplication; slot++)
                {
                    var isOpen = slot < open;
                    var (taskState, role, pool) = isOpen
                        ? (state, state switch { "screening" => Roles.DataSteward, "chair_decision" => Roles.ElsiChair, _ => Roles.ElsiReviewer },
                            state switch { "screening" => stewards, "chair_decision" => chairs, _ => reviewers })
                        : ("screening", Roles.DataSteward, stewards);
                    var assignee = pool[random.Next(pool.Count)];
                    var created = submittedAt.AddDays(isOpen ? random.Next(0, 20) : 0);
                    db.WorkflowTasks.Add(new WorkflowTask
                    {
                        Id = Guid.NewGuid(), InstanceId = instance.Id, DefinitionId = definition.Id, State = taskState,
                        Visit = isOpen ? instance.Visit : slot, Slot = isOpen ? slot : 0, Kind = state is "single_review" or "panel_review" && isOpen ? TaskKind.Vote : TaskKind.Action,
                        Role = role, AssigneeId = assignee.Id, AssigneeName = assignee.DisplayName,
                        Status = isOpen ? WorkflowTaskStatus.Open : WorkflowTaskStatus.Completed, Outcome = isOpen ? null : "accept",
                        CreatedAt = created, DueAt = created.AddDays(14), CompletedAt = isOpen ? null : created.AddDays(2),
                        ApplicationId = app.Id, Reference = app.Reference, Title = app.Title, RiskLevel = instance.RiskLevel, DeadlineAt = instance.DeadlineAt,
                        ApplicantId = person.Id, OrganisationId = person.OrganisationId,
                    });
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            Console.Write('.');
        }

        Console.WriteLine();
    }

    private static UserProfile Staff(string id, string email, string organisation, string role) =>
        new() { Id = id, DisplayName = id, Email = email, OrganisationId = organisation, Roles = [role] };

    private static ApplicationContent Content(int n, UserProfile person, DateOnly today) => new()
    {
        Title = $"Steps and HbA1c in cohort {n % 1000}",
        LaySummary = "Whether people who walk more have better blood sugar, using counts and averages only.",
        ScientificAbstract = "Association between mean daily steps and 3-month HbA1c change, by consortium.",
        PurposeCategory = "public-interest",
        PurposeDescription = "Evidence for workplace health-guidance policy.",
        RequestedTier = OutputTier.AggregateStatistics,
        PeriodStart = today,
        PeriodEnd = today.AddMonths(12),
        Safeguards = "Visiting environment only; outputs checked.",
        ProhibitedUsesDeclined = true,
        Team = [new TeamMember { Name = person.DisplayName, Email = person.Email, Organisation = person.OrganisationId, ProjectRole = "PI" }],
        Datasets =
        [
            new DatasetRequest
            {
                DatasetId = DiabetesPreventionCatalogue.DatasetId,
                Variables =
                [
                    new VariableRequest { Table = "activity", Name = "step", Justification = "Daily steps are the exposure." },
                    new VariableRequest { Table = "hba1c", Name = "hba1c", Justification = "HbA1c change is the outcome." },
                ],
            },
        ],
    };
}
