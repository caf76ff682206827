using System.Reflection;
using Bunit;
using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Search;
using Gatekeeper.Testing;
using Gatekeeper.Web.Components.Pages.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Web.Tests;

/// <summary>The certified operators' audit console pages over a real store holding <see cref="PermitScenario"/>'s log.</summary>
public sealed class AuditConsoleTests : IAsyncLifetime
{
    private PortalContext _console = default!;

    public async Task InitializeAsync() => _console = await AuditPortal.CreateAsync(withScenario: true);

    public async Task DisposeAsync() => await _console.DisposeAsync();

    [Fact]
    public void The_dashboard_charts_the_scenario()
    {
        _console.GoTo("/audit?days=365");
        var page = _console.Render<AuditDashboardPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=audit-summary]"));
        Assert.Equal("4", page.Find("[data-testid=runs-total]").GetAttribute("data-requested"));
        Assert.NotNull(page.Find("[data-testid=chart-runs-per-day] svg"));
        Assert.NotNull(page.Find("[data-testid=chart-refusal-reasons] svg"));
        Assert.NotNull(page.Find("[data-testid=chart-top-users] svg"));
        Assert.NotNull(page.Find("[data-testid=chart-release-block] svg"));

        var reasons = page.FindAll("[data-testid=refusal-reason]").Select(r => r.GetAttribute("data-reason")).ToList();
        Assert.Contains("variable-not-permitted", reasons);
        Assert.Contains("min-count", reasons);
        Assert.Contains("dominance", reasons);
        Assert.DoesNotContain("wrong-password", reasons);

        Assert.EndsWith("2", page.Find("[data-testid=count-released]").TextContent.Trim());
        Assert.EndsWith("1", page.Find("[data-testid=count-blocked]").TextContent.Trim());
        Assert.Equal("67%", page.Find("[data-testid=release-rate]").TextContent.Trim());

        var lead = page.FindAll("[data-testid=lead-row]").ToDictionary(r => r.GetAttribute("data-reference")!, r => r.GetAttribute("data-over"));
        Assert.Equal("false", lead[PermitScenario.Reference]);
        Assert.Equal("true", lead[PermitScenario.LateReference]);
        Assert.Equal("true", lead[PermitScenario.OpenReference]);
        Assert.Equal("2", page.Find("[data-testid=lead-overdue]").TextContent.Trim());

        var users = page.FindAll("[data-testid=top-user]").Select(u => u.GetAttribute("data-actor")).ToList();
        Assert.Equal(PermitScenario.Sato.Id, users[0]);
        var budget = page.Find($"[data-testid=budget-row][data-permit={PermitScenario.Permit}]");
        Assert.Equal("0.75", budget.GetAttribute("data-epsilon"));
        Assert.Equal($"/audit/lineage/{PermitScenario.Permit}", budget.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void The_dashboard_looks_at_the_last_30_days_by_default()
    {
        var page = _console.Render<AuditDashboardPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=audit-summary]"));
        // Only the late application's run (day 100) falls in the last 30 days of the scenario.
        Assert.Equal("1", page.Find("[data-testid=runs-total]").GetAttribute("data-requested"));
        page.Find("[data-testid=budget-empty]");
    }

    [Fact]
    public void The_log_is_paged_on_the_server_newest_first_and_counted()
    {
        var page = _console.Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("[data-testid=log-row]").Count));
        var sequences = page.FindAll("[data-testid=log-row]").Select(r => long.Parse(r.GetAttribute("data-sequence")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);
        var total = int.Parse(page.Find("[data-testid=log-count]").GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total > PermitScenario.NoiseEntries + 30, $"{total} entries counted");
    }

    [Fact]
    public void The_log_filters_by_actor()
    {
        var page = _console.Render<AuditLogPage>();
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("[data-testid=log-row]").Count));

        page.Find("input[data-testid=log-actor]").Change(PermitScenario.Sato.Id);
        page.Find("[data-testid=log-apply]").Click();

        // 佐藤: created, submitted, signed in, failed a sign-in, revised, resubmitted, superseded, two runs, two downloads.
        page.WaitForAssertion(() => Assert.Equal(11, page.FindAll("[data-testid=log-row]").Count));
        Assert.All(page.FindAll("[data-testid=log-row]"), r => Assert.Equal(PermitScenario.Sato.Id, r.GetAttribute("data-actor")));
        Assert.Equal("11", page.Find("[data-testid=log-count]").GetAttribute("data-count"));
    }

    [Fact]
    public void The_log_reads_its_filters_from_the_address_subject_and_outcome()
    {
        _console.GoTo($"/audit/log?subject={PermitScenario.Permit}&outcome=Refused");
        var page = _console.Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=log-row]").Count));
        var actions = page.FindAll("[data-testid=log-row]").Select(r => r.GetAttribute("data-action")).Order().ToList();
        Assert.Equal([AuditActions.CheckResult, AuditActions.RunRefused], actions);
        Assert.All(page.FindAll("[data-testid=outcome]"), o => Assert.Equal("Refused", o.GetAttribute("data-outcome")));
    }

    [Fact]
    public void A_free_text_search_finds_reasons_without_counting_them()
    {
        _console.GoTo("/audit/log?text=small%20cells");
        var page = _console.Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=log-row]")));
        Assert.Equal(AuditActions.OutputDecision, page.Find("[data-testid=log-row]").GetAttribute("data-action"));
        Assert.Equal("", page.Find("[data-testid=log-count]").GetAttribute("data-count"));
    }

    [Fact]
    public void A_filter_matching_nothing_says_so()
    {
        _console.GoTo("/audit/log?actor=nobody-at-all");
        var page = _console.Render<AuditLogPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=log-empty]"));
        Assert.Contains("No entry matches", page.Find("[data-testid=log-empty]").TextContent);
    }

    [Fact]
    public async Task An_entry_opens_in_the_drawer_with_its_hash_and_the_previous_entrys_hash()
    {
        var search = _console.Store.Get<AuditLogSearch>();
        var decision = Assert.Single((await search.SearchAsync(new AuditSearchQuery { Action = AuditActions.OutputDecision, Text = "small cells" }, default)).Items);
        var previous = (await search.GetAsync(decision.Sequence - 1, default))!;
        _console.GoTo("/audit/log?action=output.decision");
        var page = _console.Render<AuditLogPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=log-row]").Count));

        page.Find($"[data-testid=log-row][data-sequence='{decision.Sequence}']").Closest("tr")!.Click();

        page.WaitForAssertion(() => page.Find("[data-testid=entry-details]"));
        Assert.Equal($"#{decision.Sequence}", page.Find("[data-testid=entry-sequence]").TextContent.Trim());
        Assert.Equal(decision.Hash, page.Find("[data-testid=entry-hash]").TextContent.Trim());
        Assert.Equal(previous.Hash, page.Find("[data-testid=entry-previous-hash]").TextContent.Trim());
        Assert.Equal("small cells remain", page.Find("[data-testid=entry-reason]").TextContent.Trim());
        Assert.Contains("block", page.Find("[data-testid=entry-detail-table]").TextContent);

        page.Find("[data-testid=entry-drawer-close]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=entry-details]")));
    }

    [Fact]
    public void The_lineage_of_a_permit_is_assembled_on_one_page()
    {
        var page = _console.Render<PermitLineagePage>(p => p.Add(x => x.PermitId, PermitScenario.Permit));

        page.WaitForAssertion(() => page.Find("[data-testid=lineage]"));
        var stages = page.FindAll("[data-testid=lineage-stage]").Select(s => s.GetAttribute("data-stage")).ToList();
        Assert.Equal(["application", "review", "permit", "runs", "budget"], stages);
        Assert.Equal(PermitScenario.Reference, page.Find("[data-testid=lineage-reference] [data-testid=tile-value]").TextContent.Trim());

        var versions = page.FindAll("[data-testid=lineage-version]").Select(v => v.GetAttribute("data-version")).ToList();
        Assert.Equal([PermitScenario.VersionOne, PermitScenario.VersionTwo], versions);
        var reviews = page.FindAll("[data-testid=review-entries] [data-testid=entry-line]");
        Assert.Equal(2, reviews.Count);
        Assert.Contains("returned", reviews[0].TextContent);
        Assert.Contains("approved", reviews[1].TextContent);
        Assert.Single(page.FindAll("[data-testid=permit-entries] [data-testid=entry-line]"));

        var runs = page.FindAll("[data-testid=lineage-run]").Select(r => r.GetAttribute("data-run")).ToList();
        Assert.Equal(["R-1", "R-2", "R-3"], runs);
        var r1 = page.Find("[data-testid=lineage-run][data-run=R-1]");
        Assert.Equal(["O-1", "O-2"], r1.QuerySelectorAll("[data-testid=lineage-output]").Select(o => o.GetAttribute("data-output")).ToList());
        var blocked = r1.QuerySelector("[data-testid=lineage-output][data-output=O-2]")!;
        Assert.Equal("Refused", blocked.QuerySelector("[data-testid=output-checks] [data-testid=outcome]")!.GetAttribute("data-outcome"));
        Assert.Contains("block", blocked.QuerySelector("[data-testid=output-decisions]")!.TextContent);
        Assert.Empty(blocked.QuerySelectorAll("[data-testid=lineage-release]"));
        var released = r1.QuerySelector("[data-testid=lineage-output][data-output=O-1] [data-testid=lineage-release][data-release=REL-1]")!;
        Assert.Equal(2, released.QuerySelectorAll("[data-testid=release-downloads] [data-testid=entry-line]").Length);
        Assert.Contains("variable-not-permitted", page.Find("[data-testid=lineage-run][data-run=R-2]").TextContent);
        Assert.Equal("0.75", page.Find("[data-testid=lineage-epsilon] [data-testid=tile-value]").TextContent.Trim());
        Assert.Equal("2", page.Find("[data-testid=lineage-downloads] [data-testid=tile-value]").TextContent.Trim());

        // The log never holds the data values the runs computed, so neither does the page.
        foreach (var value in PermitScenario.DataValues) Assert.DoesNotContain(value, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lineage_entry_opens_in_the_drawer()
    {
        var page = _console.Render<PermitLineagePage>(p => p.Add(x => x.PermitId, PermitScenario.Permit));
        page.WaitForAssertion(() => page.Find("[data-testid=lineage]"));

        page.Find("[data-testid=permit-entries] [data-testid=entry-line] button").Click();

        page.WaitForAssertion(() => Assert.Equal(AuditActions.PermitIssued, page.Find("[data-testid=entry-action]").TextContent.Trim()));
    }

    [Fact]
    public void An_unknown_permit_and_the_permit_list()
    {
        var missing = _console.Render<PermitLineagePage>(p => p.Add(x => x.PermitId, "P-404"));
        missing.WaitForAssertion(() => missing.Find("[data-testid=lineage-not-found]"));

        var list = _console.Render<PermitLineagePage>();
        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=recent-permit]").Count));
        Assert.Contains(PermitScenario.OtherPermit, list.FindAll("[data-testid=recent-permit]")[0].TextContent);
    }

    [Fact]
    public async Task Alerts_are_listed_with_their_evidence()
    {
        var trail = _console.Store.Get<AuditTrail>();
        var now = _console.Store.Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await trail.RecordAsync(AuditRecords.OutputDecision(now.AddMinutes(i), PermitScenario.Checker, $"O-9{i}", "R-9", PermitScenario.OtherPermit, OutputDecisions.Block, "small cells remain"), default);
        }

        var page = _console.Render<AuditAlertsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=alert]"));
        var alert = page.Find($"[data-testid=alert][data-kind={Gatekeeper.Audit.Alerts.AuditAlertKinds.BlockedOutputsInARow}]");
        Assert.Contains(PermitScenario.OtherPermit, alert.TextContent);
        Assert.Contains("Many blocked outputs in a row", alert.TextContent);
    }

    [Fact]
    public async Task Verify_now_checks_the_chain_and_records_the_result_as_the_operator()
    {
        var page = _console.Render<AuditVerificationPage>();
        page.WaitForAssertion(() => Assert.Equal("never", page.Find("[data-testid=verification-result]").GetAttribute("data-valid")));

        page.Find("[data-testid=verify-now]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=verification-result]").GetAttribute("data-valid")));
        var recorded = Assert.Single((await _console.Store.Get<AuditLogSearch>().SearchAsync(new AuditSearchQuery { Action = AuditActions.AuditVerified }, default)).Items);
        Assert.Equal(AuditPortal.OperatorId, recorded.ActorId);
        Assert.Equal(Domain.Common.Roles.CertifiedOperator, recorded.ActorRole);
        Assert.Equal(AuditOutcome.Succeeded, recorded.Outcome);
        Assert.Contains(AuditPortal.OperatorId, page.Find("[data-testid=verification-result]").TextContent);
        Assert.Equal("/audit/export", page.Find("[data-testid=export-download]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_broken_chain_is_shown_with_the_first_broken_entry()
    {
        await using (var db = await _console.Store.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Reason\" = 'edited' WHERE \"Sequence\" = 160");
        }

        var page = _console.Render<AuditVerificationPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=verify-now]"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=verify-now]").HasAttribute("disabled")));
        page.Find("[data-testid=verify-now]").Click();

        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=verification-result]").GetAttribute("data-valid")));
        Assert.Contains("#160", page.Find("[data-testid=verification-result]").TextContent);
        page.Find("[data-testid=verification-broken-entry]").Click();
        page.WaitForAssertion(() => Assert.Equal("#160", page.Find("[data-testid=entry-sequence]").TextContent.Trim()));
    }

    /// <summary>
    /// Read-only by construction: no component of the console is given anything that can write the store. The only
    /// writer reachable from a page is the verification service, which appends the audit.verified entry of a verification.
    /// </summary>
    [Fact]
    public void No_console_component_can_write_the_store()
    {
        var allowed = new HashSet<Type>
        {
            typeof(AuditLogSearch), typeof(Data.Audit.Dashboard.AuditDashboardService), typeof(Data.Audit.Lineage.PermitLineageService),
            typeof(Data.Audit.Alerts.AuditAlertService), typeof(Data.Audit.Verification.AuditVerificationStatusReader),
            typeof(Data.Audit.Verification.AuditVerificationService), typeof(Microsoft.Extensions.Options.IOptions<AuditConsoleOptions>),
            typeof(TimeProvider), typeof(NavigationManager), typeof(Account.ActorAccessor), typeof(MudBlazor.ISnackbar),
            typeof(Microsoft.Extensions.Localization.IStringLocalizer<Localization.SharedResource>),
        };
        var components = typeof(AuditLogPage).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(AuditLogPage).Namespace && typeof(IComponent).IsAssignableFrom(t)).ToList();
        Assert.True(components.Count >= 10, $"Only {components.Count} console components found.");
        var injected = components
            .SelectMany(c => c.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<InjectAttribute>() is not null)
                .Select(p => (Component: c.Name, p.PropertyType)))
            .ToList();
        var forbidden = injected.Where(i => !allowed.Contains(i.PropertyType)
                                            && !(i.PropertyType.IsGenericType && i.PropertyType.GetGenericTypeDefinition() == typeof(Microsoft.Extensions.Logging.ILogger<>)))
            .Select(i => $"{i.Component}: {i.PropertyType.Name}").ToList();
        Assert.True(forbidden.Count == 0, "Console components inject services outside the read-only list: " + string.Join(", ", forbidden));
        Assert.DoesNotContain(injected, i => i.PropertyType == typeof(AuditTrail) || i.PropertyType == typeof(IDbContextFactory<GatekeeperDbContext>));
        // Every routable page of the console demands the certified operators' policy.
        foreach (var page in components.Where(c => c.GetCustomAttributes<RouteAttribute>().Any()))
            Assert.Contains(page.GetCustomAttributes<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>(), a => a.Policy == Policies.AuditConsole);
    }
}

/// <summary>The console on an empty log: every panel says what is missing instead of showing nothing.</summary>
public sealed class AuditConsoleEmptyTests : IAsyncLifetime
{
    private PortalContext _console = default!;

    public async Task InitializeAsync() => _console = await AuditPortal.CreateAsync(withScenario: false);

    public async Task DisposeAsync() => await _console.DisposeAsync();

    [Fact]
    public void The_dashboard_shows_empty_states()
    {
        var page = _console.Render<AuditDashboardPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=audit-summary]"));
        foreach (var empty in new[] { "runs-empty", "refusals-empty", "decisions-empty", "lead-times-empty", "top-users-empty", "budget-empty" })
            page.Find($"[data-testid={empty}]");
        Assert.Equal("Not verified", page.Find("[data-testid=tile-chain] [data-testid=tile-value]").TextContent.Trim());
    }

    [Fact]
    public void The_log_lineage_and_alerts_show_empty_states()
    {
        var log = _console.Render<AuditLogPage>();
        log.WaitForAssertion(() => log.Find("[data-testid=log-empty]"));
        Assert.Contains("The log is empty", log.Markup);

        var lineage = _console.Render<PermitLineagePage>();
        lineage.WaitForAssertion(() => lineage.Find("[data-testid=permits-empty]"));

        var alerts = _console.Render<AuditAlertsPage>();
        alerts.WaitForAssertion(() => alerts.Find("[data-testid=alerts-empty]"));
    }

    [Fact]
    public async Task The_console_speaks_Japanese()
    {
        await using var ja = await AuditPortal.CreateAsync(withScenario: false, culture: "ja");

        var page = ja.Render<AuditDashboardPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=audit-summary]"));
        Assert.Equal("監査コンソール", page.Find("h1").TextContent.Trim());
        Assert.Contains("この期間の実行はありません", page.Markup);
    }
}
