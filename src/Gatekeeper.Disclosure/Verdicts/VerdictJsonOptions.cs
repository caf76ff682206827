namespace Gatekeeper.Disclosure.Verdicts;

/// <summary>What <see cref="VerdictJsonWriter"/> adds beyond the contract's fields.</summary>
public sealed record VerdictJsonOptions
{
    /// <summary>Add a <c>reasons</c> array to each non-passing cell (rule, outcome, measure, researcher-safe reason).</summary>
    public bool IncludeReasons { get; init; } = true;

    /// <summary>Add each reason's exact deciding numbers, shadow statistics included (output checkers and audit only).</summary>
    public bool IncludeShadowNumbers { get; init; }

    /// <summary>Indent the JSON.</summary>
    public bool Indented { get; init; }
}
