namespace Gatekeeper.Audit;

/// <summary>Values of the <see cref="AuditDetailKeys.Decision"/> detail of <see cref="AuditActions.OutputDecision"/>.</summary>
public static class OutputDecisions
{
    public const string Release = "release";
    public const string Block = "block";
    public const string Revise = "revise";

    /// <summary>The researcher withdrew the request before a decision.</summary>
    public const string Withdraw = "withdraw";
}
