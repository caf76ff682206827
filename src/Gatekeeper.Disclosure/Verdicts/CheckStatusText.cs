namespace Gatekeeper.Disclosure.Verdicts;

/// <summary>The contract's text for a status: <c>pass</c>, <c>review</c>, <c>fail</c>.</summary>
public static class CheckStatusText
{
    public static string ToText(this CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Review => "review",
        CheckStatus.Fail => "fail",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The more severe of two statuses.</summary>
    public static CheckStatus Worst(CheckStatus a, CheckStatus b) => a >= b ? a : b;
}
