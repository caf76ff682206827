using System.Text.Json;
using Gatekeeper.Disclosure.Differencing;

namespace Gatekeeper.Data.Outputs;

/// <summary>
/// The differencing check's memory of one output, written by the automated check beside its verdict
/// (<c>checks/&lt;table&gt;.cells.json</c>) and stored in <c>released_outputs</c> when the output is released: the
/// population it is about (universe and WHERE filters), which variable each key column groups by, and per cell its key, its unit count and whether
/// the policy's mitigation suppresses it in the protected version.
/// </summary>
public sealed record ReleasedCellsDocument
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Dataset, unit and a fingerprint of the query's FROM/WHERE: outputs over the same population compare.</summary>
    public required string Universe { get; init; }

    public required IReadOnlyList<string> KeyColumns { get; init; }

    /// <summary>Key column → source variable, where they differ.</summary>
    public IReadOnlyDictionary<string, string> KeyVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>The query's simple WHERE filters, one per variable (value set or interval).</summary>
    public IReadOnlyList<Filter> Filters { get; init; } = [];

    public required IReadOnlyList<Cell> Cells { get; init; }

    public sealed record Cell(IReadOnlyList<string?> Key, long Units, bool Suppressed);

    public sealed record Filter(string Variable, IReadOnlyList<string?>? Values, decimal? Min, bool MinInclusive, decimal? Max, bool MaxInclusive)
    {
        public static Filter From(string variable, Constraint c) =>
            new(variable, c.IsSet ? [.. c.Values] : null, c.Min, c.MinInclusive, c.Max, c.MaxInclusive);

        public Constraint ToConstraint() => Values is not null ? Constraint.OneOf([.. Values]) : Constraint.Range(Min, MinInclusive, Max, MaxInclusive);
    }

    /// <summary>The group definition the differencing check compares.</summary>
    public GroupDefinition ToGroupDefinition() => new()
    {
        Universe = Universe,
        KeyVariables = KeyVariables,
        Filters = Filters.ToDictionary(f => f.Variable, f => f.ToConstraint(), StringComparer.Ordinal),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReleasedCellsDocument FromJson(string json) =>
        JsonSerializer.Deserialize<ReleasedCellsDocument>(json, Json) ?? throw new InvalidDataException("Empty released-cells document.");
}
