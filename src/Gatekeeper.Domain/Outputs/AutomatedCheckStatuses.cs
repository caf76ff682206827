namespace Gatekeeper.Domain.Outputs;

/// <summary>The automated disclosure check's verdict on one output file (the checks' own pass / fail / review).</summary>
public static class AutomatedCheckStatuses
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Review = "review";

    /// <summary>No automated rule applies (no policy for the tier, or an output without shadow statistics): checkers decide alone.</summary>
    public const string NotChecked = "not-checked";
}
