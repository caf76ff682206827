namespace Gatekeeper.Disclosure.Verdicts;

/// <summary>Outcome of a rule, a cell or an output, ordered by severity so the worst wins with <see cref="Math.Max(int, int)"/>.</summary>
public enum CheckStatus
{
    Pass = 0,
    Review = 1,
    Fail = 2,
}
