namespace Gatekeeper.Disclosure.Verdicts;

/// <summary>Text codes of the rules, exactly as the <c>gatekeeper check</c> JSON contract spells them.</summary>
public static class RuleCodes
{
    private static readonly string[] Codes = ["threshold", "zero", "p-ratio", "nk-dominance", "dof", "missing", "differencing"];

    /// <summary>Every rule code in contract order.</summary>
    public static IReadOnlyList<string> All => Codes;

    public static string ToCode(this RuleCode rule) => Codes[(int)rule];

    public static bool TryParse(string code, out RuleCode rule)
    {
        var i = Array.IndexOf(Codes, code);
        rule = i < 0 ? default : (RuleCode)i;
        return i >= 0;
    }
}
