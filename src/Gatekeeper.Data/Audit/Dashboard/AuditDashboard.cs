namespace Gatekeeper.Data.Audit.Dashboard;

/// <summary>The console's dashboard over a period (<see cref="From"/> inclusive, <see cref="To"/> exclusive), days in <see cref="TimeZone"/>.</summary>
public sealed record AuditDashboard(
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    IReadOnlyList<DailyRunCount> RunsPerDay,
    IReadOnlyList<RefusalReasonCount> RefusalReasons,
    ReleaseBlockRate ReleaseVsBlock,
    ReviewLeadTimes ReviewLeadTimes,
    IReadOnlyList<UserRunCount> TopUsersByRuns,
    IReadOnlyList<PermitBudget> BudgetByPermit);
