namespace Gatekeeper.Disclosure.Differencing;

/// <summary>
/// Who an output's cells are about, in terms the differencing check can compare: the universe (the
/// dataset view and the unit counted, e.g. <c>diabetes-programme/person</c>), the population filters of
/// the query (its WHERE, as one constraint per variable) and which variable each key column groups by.
/// A cell's group is the universe ∩ filters ∩ (key variable = key value) for its non-margin keys.
/// </summary>
public sealed record GroupDefinition
{
    public required string Universe { get; init; }

    /// <summary>The population filters: variable → constraint (conjunction).</summary>
    public IReadOnlyDictionary<string, Constraint> Filters { get; init; } = new Dictionary<string, Constraint>(StringComparer.Ordinal);

    /// <summary>Output key column → source variable, when they differ (aliases).</summary>
    public IReadOnlyDictionary<string, string> KeyVariables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string VariableOf(string keyColumn) => KeyVariables.TryGetValue(keyColumn, out var v) ? v : keyColumn;
}
