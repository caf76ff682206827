namespace Gatekeeper.Data.Audit.Dashboard;

/// <summary>
/// Exit review outcomes: checkers' decisions (release, block, revise) and automated checks (passed, failed).
/// Rates are of all checkers' decisions; null when there were none.
/// </summary>
public sealed record ReleaseBlockRate(int Released, int Blocked, int Revised, int ChecksPassed, int ChecksFailed)
{
    public int Decisions => Released + Blocked + Revised;

    public double? ReleaseRate => Decisions == 0 ? null : (double)Released / Decisions;

    public double? BlockRate => Decisions == 0 ? null : (double)Blocked / Decisions;
}
