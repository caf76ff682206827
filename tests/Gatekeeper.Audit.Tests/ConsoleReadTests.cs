using System.Text.Json;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Dashboard;
using Gatekeeper.Data.Audit.Lineage;
using Gatekeeper.Data.Audit.Search;
using Gatekeeper.Testing;

namespace Gatekeeper.Audit.Tests;

/// <summary>The audit console's read services over <see cref="PermitScenario"/>: search, dashboard, lineage, status.</summary>
public abstract class ConsoleReadTests<TFixture>(TFixture fixture)
    where TFixture : ConsoleFixture
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private AuditLogSearch Search => fixture.Store.Get<AuditLogSearch>();

    private DateTimeOffset T0 => fixture.T0;

    [Theory]
    [InlineData(null, "researcher", null, null, null, null, 13)]
    [InlineData("u-sato", null, null, null, null, null, 11)]
    [InlineData(null, "output-checker", null, null, null, null, 4)]
    [InlineData(null, null, "org-osaka-lab", null, null, null, 2)]
    [InlineData(null, null, null, "run.requested", null, null, 4)]
    [InlineData(null, null, null, "run.", null, null, 8)]
    [InlineData(null, null, null, null, "P-42", null, 18)]
    [InlineData(null, null, null, null, "O-2", null, 2)]
    [InlineData(null, null, null, null, PermitScenario.Reference, null, 8)]
    [InlineData(null, null, null, null, null, AuditOutcome.Refused, 3)]
    [InlineData("u-sato", null, null, "run.", "P-42", null, 2)]
    public async Task Each_filter_narrows_the_log_in_the_database(string? actor, string? role, string? organisation, string? action, string? subject, AuditOutcome? outcome, int expected)
    {
        var page = await Search.SearchAsync(new AuditSearchQuery
        {
            ActorId = actor, Role = role, OrganisationId = organisation, Action = action, SubjectId = subject, Outcome = outcome, PageSize = 100, From = T0,
        }, default);

        Assert.Equal(expected, page.TotalCount);
        Assert.Equal(expected, page.Items.Count);
        Assert.False(page.TotalIsLowerBound);
        Assert.All(page.Items, e =>
        {
            if (actor is not null) Assert.Equal(actor, e.ActorId);
            if (role is not null) Assert.Equal(role, e.ActorRole);
            if (action is not null) Assert.StartsWith(action, e.Action, StringComparison.Ordinal);
            if (subject is not null) Assert.Contains(subject, e.SubjectIds);
            if (outcome is not null) Assert.Equal(outcome, e.Outcome);
        });
        Assert.Equal(page.Items.OrderByDescending(e => e.Sequence).Select(e => e.Sequence), page.Items.Select(e => e.Sequence));
    }

    [Theory]
    [InlineData("DOMINANCE", 1)]
    [InlineData("small cells", 1)]
    [InlineData("%", 0)]
    [InlineData("_", 0)]
    [InlineData("-", 4)]
    public async Task Free_text_searches_reasons_case_insensitively_and_literally(string text, int expected)
    {
        var page = await Search.SearchAsync(new AuditSearchQuery { Text = text, From = T0, PageSize = 100 }, default);
        Assert.Equal(expected, page.Items.Count);
        Assert.Null(page.TotalCount);
        Assert.All(page.Items, e => Assert.Contains(text, e.Reason!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_time_range_selects_the_entries_within_it()
    {
        var page = await Search.SearchAsync(new AuditSearchQuery { From = T0 + 41 * Day, To = T0 + 42 * Day, PageSize = 100 }, default);
        Assert.Equal(5, page.TotalCount);
        Assert.All(page.Items, e => Assert.InRange(e.At, T0 + 41 * Day, T0 + 42 * Day - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public async Task Pages_by_index_and_by_keyset_agree_and_counts_stop_at_the_limit()
    {
        var all = await Search.SearchAsync(new AuditSearchQuery { From = T0, PageSize = 200 }, default);
        var first = await Search.SearchAsync(new AuditSearchQuery { From = T0, PageSize = 10 }, default);
        var second = await Search.SearchAsync(new AuditSearchQuery { From = T0, PageSize = 10, PageIndex = 1 }, default);
        var keyset = await Search.SearchAsync(new AuditSearchQuery { From = T0, PageSize = 10, BeforeSequence = first.NextBeforeSequence, WithoutCount = true }, default);

        Assert.Equal(all.Items.Take(10).Select(e => e.Sequence), first.Items.Select(e => e.Sequence));
        Assert.Equal(all.Items.Skip(10).Take(10).Select(e => e.Sequence), second.Items.Select(e => e.Sequence));
        Assert.Equal(second.Items.Select(e => e.Sequence), keyset.Items.Select(e => e.Sequence));
        Assert.Null(keyset.TotalCount);

        // The whole log (with the noise before the scenario) has more entries than the count limit of 100.
        var everything = await Search.SearchAsync(new AuditSearchQuery { PageSize = 10 }, default);
        Assert.Equal(100, everything.TotalCount);
        Assert.True(everything.TotalIsLowerBound);
        Assert.NotNull(everything.NextBeforeSequence);
    }

    [Fact]
    public async Task The_dashboard_counts_runs_refusals_decisions_lead_times_users_and_budget()
    {
        var dashboard = await fixture.Store.Get<AuditDashboardService>().GetAsync(T0, T0 + 101 * Day, default);

        Assert.Equal("Asia/Tokyo", dashboard.TimeZone);
        Assert.Equal(102, dashboard.RunsPerDay.Count); // 18:00 Tokyo on day 0 to 17:59 on day 101: 102 local days
        Assert.Equal(4, dashboard.RunsPerDay.Sum(d => d.Requested));
        Assert.Equal(1, dashboard.RunsPerDay.Sum(d => d.Refused));
        Assert.Equal(3, dashboard.RunsPerDay.Sum(d => d.Completed));
        var day41 = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(T0 + 41 * Day, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);
        Assert.Equal(new DailyRunCount(day41, 1, 0, 1), dashboard.RunsPerDay.Single(d => d.Day == day41));

        Assert.Equal(
            [("check.result", "dominance", 1), ("check.result", "min-count", 1), ("run.refused", "variable-not-permitted", 1)],
            dashboard.RefusalReasons.Select(r => (r.Action, r.Reason, r.Count)).Order());
        Assert.Equal(new ReleaseBlockRate(2, 1, 0, 2, 1), dashboard.ReleaseVsBlock);
        Assert.Equal(2.0 / 3, dashboard.ReleaseVsBlock.ReleaseRate!.Value, 6);

        var leads = dashboard.ReviewLeadTimes;
        Assert.Equal(3, leads.DeadlineMonths);
        Assert.Equal([PermitScenario.Reference, PermitScenario.LateReference, PermitScenario.OpenReference], leads.Items.Select(i => i.ApplicationReference));
        var onTime = leads.Items[0];
        Assert.Equal(T0 + TimeSpan.FromHours(1), onTime.SubmittedAt);
        Assert.Equal(40 * Day - TimeSpan.FromHours(1), onTime.LeadTime);
        Assert.Equal(ReviewDecisionCodes.Approved, onTime.Decision);
        Assert.False(onTime.OverDeadline);
        Assert.True(leads.Items[1].OverDeadline);
        Assert.Null(leads.Items[2].DecidedAt);
        Assert.True(leads.Items[2].OverDeadline);
        Assert.Equal((2, 1, 2), (leads.Decided, leads.Open, leads.OverDeadline));
        Assert.Equal(onTime.LeadTime, leads.Median);

        Assert.Equal([("u-sato", 2), ("u-suzuki", 1), ("u-tanaka", 1)], dashboard.TopUsersByRuns.Select(u => (u.ActorId, u.Runs)));
        Assert.Equal("org-tokyo-univ", dashboard.TopUsersByRuns[0].OrganisationId);
        var budget = Assert.Single(dashboard.BudgetByPermit);
        Assert.Equal((PermitScenario.Permit, 0.75, 2), (budget.PermitId, budget.Epsilon, budget.Spends));
    }

    [Fact]
    public async Task The_lineage_of_a_permit_is_assembled_from_application_to_downloads()
    {
        var lineage = await fixture.Store.Get<PermitLineageService>().GetAsync(PermitScenario.Permit, default);

        Assert.NotNull(lineage);
        Assert.Equal(PermitScenario.Reference, lineage.ApplicationReference);
        Assert.Equal([(PermitScenario.VersionOne, "v1"), (PermitScenario.VersionTwo, "v2")], lineage.ApplicationVersions.Select(v => (v.VersionId, v.Version)));
        Assert.Equal([AuditActions.ApplicationCreated, AuditActions.ApplicationSubmitted, AuditActions.ApplicationSuperseded], lineage.ApplicationVersions[0].Entries.Select(e => e.Action));
        Assert.Equal([AuditActions.ApplicationRevisionCreated, AuditActions.ApplicationSubmitted], lineage.ApplicationVersions[1].Entries.Select(e => e.Action));
        Assert.Equal([ReviewDecisionCodes.Returned, ReviewDecisionCodes.Approved], lineage.Reviews.Select(r => r.Detail(AuditDetailKeys.Decision)));
        Assert.Equal(AuditActions.PermitIssued, Assert.Single(lineage.Permit).Action);

        Assert.Equal(["R-1", "R-2", "R-3"], lineage.Runs.Select(r => r.RunId));
        var r1 = lineage.Runs[0];
        Assert.Equal([AuditActions.RunRequested, AuditActions.RunCompleted], r1.Entries.Select(e => e.Action));
        Assert.Equal(["O-1", "O-2"], r1.Outputs.Select(o => o.OutputId));
        Assert.Equal(AuditOutcome.Succeeded, Assert.Single(r1.Outputs[0].Checks).Outcome);
        Assert.Equal(OutputDecisions.Release, Assert.Single(r1.Outputs[0].Decisions).Detail(AuditDetailKeys.Decision));
        var release = Assert.Single(r1.Outputs[0].Releases);
        Assert.Equal("REL-1", release.ReleaseId);
        Assert.Equal(AuditActions.ReleaseCreated, Assert.Single(release.Created).Action);
        Assert.Equal(2, release.Downloads.Count);
        Assert.Equal("min-count,dominance", Assert.Single(r1.Outputs[1].Checks).Reason);
        Assert.Equal(OutputDecisions.Block, Assert.Single(r1.Outputs[1].Decisions).Detail(AuditDetailKeys.Decision));
        Assert.Empty(r1.Outputs[1].Releases);
        Assert.Equal([AuditActions.RunRequested, AuditActions.RunRefused], lineage.Runs[1].Entries.Select(e => e.Action));
        Assert.Empty(lineage.Runs[1].Outputs);
        Assert.Equal("REL-1", Assert.Single(Assert.Single(lineage.Runs[2].Outputs).Releases).ReleaseId);
        Assert.Empty(lineage.ReleasesWithoutKnownOutput);

        Assert.Equal(0.75, lineage.Budget.Epsilon);
        Assert.Equal(2, lineage.BudgetEntries.Count);
        Assert.Empty(lineage.Other);
        Assert.DoesNotContain(lineage.Runs, r => r.RunId == "R-9");
    }

    [Fact]
    public async Task An_unknown_permit_has_no_lineage() =>
        Assert.Null(await fixture.Store.Get<PermitLineageService>().GetAsync("P-404", default));

    [Fact]
    public async Task Auditors_see_ids_codes_and_outcomes_never_data_values()
    {
        // The view of an entry is exactly the record's metadata (no payload, no free-form data field).
        Assert.Equal(
            ["Action", "ActorId", "ActorRole", "At", "ClientAddress", "Details", "Hash", "IsPending", "OrganisationId", "Outcome", "Position", "PreviousHash", "Reason", "Sequence", "SubjectIds", "SubjectType"],
            typeof(AuditEntryView).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));

        var lineage = await fixture.Store.Get<PermitLineageService>().GetAsync(PermitScenario.Permit, default);
        var page = await Search.SearchAsync(new AuditSearchQuery { PageSize = 200 }, default);
        var dashboard = await fixture.Store.Get<AuditDashboardService>().GetAsync(T0, T0 + 101 * Day, default);
        var shown = JsonSerializer.Serialize(new object?[] { lineage, page, dashboard });

        Assert.Contains(PermitScenario.Permit, shown, StringComparison.Ordinal);
        foreach (var value in PermitScenario.DataValues) Assert.DoesNotContain(value, shown, StringComparison.Ordinal);
        Assert.All(page.Items.Where(e => e.Details is not null).SelectMany(e => e.Details!.Values), v => Assert.DoesNotContain(' ', v));
    }
}

public sealed class SqliteConsoleReadTests(SqliteConsoleFixture fixture) : ConsoleReadTests<SqliteConsoleFixture>(fixture), IClassFixture<SqliteConsoleFixture>;

public sealed class PostgresConsoleReadTests(PostgresConsoleFixture fixture) : ConsoleReadTests<PostgresConsoleFixture>(fixture), IClassFixture<PostgresConsoleFixture>;
