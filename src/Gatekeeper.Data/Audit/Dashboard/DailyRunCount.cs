namespace Gatekeeper.Data.Audit.Dashboard;

/// <summary>Runs on one local day: requested, refused before running, completed.</summary>
public sealed record DailyRunCount(DateOnly Day, int Requested, int Refused, int Completed);
