using Gatekeeper.Audit.Alerts;
using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Tests;

/// <summary>Each detector fires at its threshold, not below it, and explains itself with the entries that triggered it.</summary>
public sealed class AlertDetectorTests
{
    // Monday 2026-11-23 10:00 in Tokyo (01:00 UTC): working hours.
    private static readonly DateTimeOffset MondayMorningTokyo = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Researcher = new("u-sato", "researcher", "org-1", "10.0.0.5");
    private static readonly string QueryA = new('a', 64);
    private static readonly string QueryB = new('b', 64);

    [Fact]
    public void Five_blocked_outputs_in_a_row_for_one_permit_raise_one_alert_with_them_as_evidence()
    {
        var log = new Log();
        for (var i = 1; i <= 5; i++)
        {
            log.Add(AuditRecords.CheckResult(log.Now, AuditActor.System, $"O-{i}", $"R-{i}", "P-1", passed: false, "min-count", QueryA));
            log.Add(AuditRecords.OutputDecision(log.Now, Researcher with { Id = "checker-1", Role = "output-checker" }, $"O-{i}", $"R-{i}", "P-1", OutputDecisions.Block));
        }

        log.Add(AuditRecords.CheckResult(log.Now, AuditActor.System, "O-9", "R-9", "P-2", passed: false, "min-count", QueryA));

        var alert = Assert.Single(BlockedOutputsDetector.Detect(log.Entries, AlertThresholds.Default));
        Assert.Equal(AuditAlertKinds.BlockedOutputsInARow, alert.Kind);
        Assert.Equal("P-1", alert.PermitId);
        Assert.Equal(10, alert.Evidence.Count);
        Assert.All(alert.Evidence, e => Assert.Equal("P-1", e.Record.Detail(AuditDetailKeys.Permit)));
        Assert.Contains("5 outputs of permit P-1 were blocked", alert.Explanation, StringComparison.Ordinal);
        Assert.Equal("checker-1", alert.ActorId);
    }

    [Fact]
    public void A_release_in_between_ends_the_streak()
    {
        var log = new Log();
        for (var i = 1; i <= 8; i++)
        {
            var decision = i == 4 ? OutputDecisions.Release : OutputDecisions.Block;
            log.Add(AuditRecords.OutputDecision(log.Now, Researcher, $"O-{i}", $"R-{i}", "P-1", decision));
        }

        Assert.Empty(BlockedOutputsDetector.Detect(log.Entries, AlertThresholds.Default));
        Assert.Single(BlockedOutputsDetector.Detect(log.Entries, AlertThresholds.Default with { BlockedOutputsInARow = 4 }));
    }

    [Fact]
    public void Ten_runs_of_one_normalised_query_within_an_hour_from_one_permit_raise_an_alert()
    {
        var log = new Log();
        for (var i = 1; i <= 10; i++) log.Add(AuditRecords.RunRequested(log.Now, Researcher, $"R-{i}", "P-1", QueryA), TimeSpan.FromMinutes(5));
        for (var i = 11; i <= 19; i++) log.Add(AuditRecords.RunRequested(log.Now, Researcher, $"R-{i}", "P-1", QueryB), TimeSpan.FromMinutes(5));

        var alert = Assert.Single(NearIdenticalQueriesDetector.Detect(log.Entries, AlertThresholds.Default));
        Assert.Equal(AuditAlertKinds.NearIdenticalQueries, alert.Kind);
        Assert.Equal(10, alert.Evidence.Count);
        Assert.All(alert.Evidence, e => Assert.Equal(QueryA, e.Record.Detail(AuditDetailKeys.QueryHash)));
        Assert.Equal("u-sato", alert.ActorId);
        Assert.Contains("10 runs of the same normalised query", alert.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_query_spread_beyond_the_window_does_not_alert()
    {
        var log = new Log();
        for (var i = 1; i <= 12; i++) log.Add(AuditRecords.RunRequested(log.Now, Researcher, $"R-{i}", "P-1", QueryA), TimeSpan.FromMinutes(20));
        Assert.Empty(NearIdenticalQueriesDetector.Detect(log.Entries, AlertThresholds.Default));
        Assert.Single(NearIdenticalQueriesDetector.Detect(log.Entries, AlertThresholds.Default with { NearIdenticalQueriesWindow = TimeSpan.FromHours(4) }));
    }

    [Fact]
    public void Ten_downloads_at_night_in_Japan_raise_an_alert_but_the_same_by_day_do_not()
    {
        // 23:00 Tokyo on a Monday = 14:00 UTC.
        var night = new Log(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero));
        for (var i = 1; i <= 10; i++) night.Add(AuditRecords.ReleaseDownloaded(night.Now, Researcher, $"REL-{i}", "P-1", 1, 1000), TimeSpan.FromMinutes(3));
        var day = new Log(MondayMorningTokyo);
        for (var i = 1; i <= 10; i++) day.Add(AuditRecords.ReleaseDownloaded(day.Now, Researcher, $"REL-{i}", "P-1", 1, 1000), TimeSpan.FromMinutes(3));

        var alert = Assert.Single(OffHoursDownloadsDetector.Detect(night.Entries, AlertThresholds.Default));
        Assert.Equal(AuditAlertKinds.OffHoursBulkDownloads, alert.Kind);
        Assert.Equal("u-sato", alert.ActorId);
        Assert.Equal("P-1", alert.PermitId);
        Assert.Equal(10, alert.Evidence.Count);
        Assert.Contains("2026-11-23 23:00", alert.Explanation, StringComparison.Ordinal);
        Assert.Contains("10,000 bytes", alert.Explanation, StringComparison.Ordinal);
        Assert.Empty(OffHoursDownloadsDetector.Detect(day.Entries, AlertThresholds.Default));
    }

    [Fact]
    public void Weekends_are_off_hours_unless_configured_otherwise()
    {
        // Saturday 2026-11-28 11:00 Tokyo.
        var saturday = new Log(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        for (var i = 1; i <= 10; i++) saturday.Add(AuditRecords.ReleaseDownloaded(saturday.Now, Researcher, $"REL-{i}", "P-1", 1, 10), TimeSpan.FromMinutes(1));

        Assert.Single(OffHoursDownloadsDetector.Detect(saturday.Entries, AlertThresholds.Default));
        Assert.Empty(OffHoursDownloadsDetector.Detect(saturday.Entries, AlertThresholds.Default with { WeekendsAreOffHours = false }));
    }

    [Theory]
    [InlineData(22, 59, true)]
    [InlineData(23, 0, false)]
    [InlineData(10, 59, false)]
    [InlineData(11, 0, true)]
    public void Off_hours_are_judged_in_Japan_time(int utcHour, int utcMinute, bool offHours)
    {
        // Working hours 08:00-20:00 Tokyo = 23:00-11:00 UTC (Monday 2026-11-23 Tokyo).
        var at = new DateTimeOffset(2026, 11, 22, utcHour, utcMinute, 0, TimeSpan.Zero);
        if (utcHour < 12) at = at.AddDays(1);
        Assert.Equal(offHours, AlertThresholds.Default.IsOffHours(at));
    }

    [Fact]
    public void All_detectors_run_together_on_one_log()
    {
        var log = new Log(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero));
        for (var i = 1; i <= 10; i++) log.Add(AuditRecords.RunRequested(log.Now, Researcher, $"R-{i}", "P-1", QueryA), TimeSpan.FromMinutes(1));
        for (var i = 1; i <= 5; i++) log.Add(AuditRecords.OutputDecision(log.Now, Researcher, $"O-{i}", $"R-{i}", "P-1", OutputDecisions.Block), TimeSpan.FromMinutes(1));
        for (var i = 1; i <= 10; i++) log.Add(AuditRecords.ReleaseDownloaded(log.Now, Researcher, $"REL-{i}", "P-1", 1, 10), TimeSpan.FromMinutes(1));

        var kinds = AuditAlertDetectors.DetectAll(log.Entries, AlertThresholds.Default).Select(a => a.Kind).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([AuditAlertKinds.BlockedOutputsInARow, AuditAlertKinds.NearIdenticalQueries, AuditAlertKinds.OffHoursBulkDownloads], kinds);
    }

    private sealed class Log(DateTimeOffset? start = null)
    {
        public DateTimeOffset Now { get; private set; } = start ?? MondayMorningTokyo;

        public List<ChainedEntry> Entries { get; } = [];

        public void Add(AuditRecord record, TimeSpan? then = null)
        {
            Entries.Add(EntryHasher.Link(Entries.Count + 1, record, Entries.Count == 0 ? ChainedEntry.Genesis : Entries[^1].Hash));
            Now += then ?? TimeSpan.FromSeconds(30);
        }
    }
}
