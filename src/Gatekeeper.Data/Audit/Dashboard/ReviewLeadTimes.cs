namespace Gatekeeper.Data.Audit.Dashboard;

/// <summary>Review lead times of the applications first submitted in the period, with median and 90th percentile of the decided ones.</summary>
public sealed record ReviewLeadTimes(
    int DeadlineMonths,
    IReadOnlyList<ReviewLeadTime> Items,
    TimeSpan? Median,
    TimeSpan? Percentile90)
{
    public int Decided => Items.Count(i => i.DecidedAt is not null);

    public int Open => Items.Count(i => i.DecidedAt is null);

    public int OverDeadline => Items.Count(i => i.OverDeadline);
}
