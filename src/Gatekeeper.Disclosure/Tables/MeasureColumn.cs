namespace Gatekeeper.Disclosure.Tables;

/// <summary>
/// One output measure with its per-cell values and shadow statistics, stored column-wise so checking a
/// million cells walks flat arrays. Missing optional entries are encoded without boxing: NaN for a NULL
/// value and -1 for "not given" in the count arrays.
/// </summary>
public sealed class MeasureColumn
{
    /// <summary>Marks an optional per-cell count that was not supplied.</summary>
    public const long NotGiven = -1;

    private readonly double[] _values;
    private readonly DominanceStatistics[]? _dominance;
    private readonly long[]? _observations;
    private readonly long[]? _degreesOfFreedom;
    private readonly long[]? _contributors;
    private readonly bool[]? _hasMissing;

    /// <param name="name">Output column name.</param>
    /// <param name="kind">What the measure computes.</param>
    /// <param name="values">Per cell value; NaN is SQL NULL.</param>
    /// <param name="dominance">Per cell contribution totals (required for sum and mean).</param>
    /// <param name="observations">Per cell non-null value count or <see cref="NotGiven"/> (defaults to the cell's rows).</param>
    /// <param name="degreesOfFreedom">Per cell residual degrees of freedom (required for regression).</param>
    /// <param name="contributors">Per cell distinct contributing units or <see cref="NotGiven"/>.</param>
    /// <param name="hasMissing">Per cell: a contributing row had a missing value.</param>
    /// <param name="quantile">For <see cref="MeasureKind.Quantile"/>, the level (e.g. 0.25).</param>
    public MeasureColumn(
        string name,
        MeasureKind kind,
        double[] values,
        DominanceStatistics[]? dominance = null,
        long[]? observations = null,
        long[]? degreesOfFreedom = null,
        long[]? contributors = null,
        bool[]? hasMissing = null,
        double? quantile = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Length;
        Check(name, "dominance", dominance?.Length, n);
        Check(name, "observations", observations?.Length, n);
        Check(name, "degrees of freedom", degreesOfFreedom?.Length, n);
        Check(name, "contributors", contributors?.Length, n);
        Check(name, "missing flags", hasMissing?.Length, n);
        if (IsDominanceKind(kind) && dominance is null)
            throw new ArgumentException($"Measure '{name}' ({kind}) needs per-unit contribution statistics for the dominance rules.", nameof(dominance));
        if (kind == MeasureKind.Regression && degreesOfFreedom is null)
            throw new ArgumentException($"Measure '{name}' (regression) needs degrees of freedom.", nameof(degreesOfFreedom));
        if (degreesOfFreedom is not null && Array.Exists(degreesOfFreedom, d => d < 0 && d != NotGiven))
            throw new ArgumentException($"Measure '{name}': degrees of freedom cannot be negative.", nameof(degreesOfFreedom));

        Name = name;
        Kind = kind;
        Quantile = quantile;
        _values = values;
        _dominance = dominance;
        _observations = observations;
        _degreesOfFreedom = degreesOfFreedom;
        _contributors = contributors;
        _hasMissing = hasMissing;
    }

    public string Name { get; }

    public MeasureKind Kind { get; }

    public double? Quantile { get; }

    public int CellCount => _values.Length;

    public bool HasDominance => _dominance is not null;

    /// <summary>The value of a cell, or null for SQL NULL.</summary>
    public double? Value(int cell) => double.IsNaN(_values[cell]) ? null : _values[cell];

    public DominanceStatistics Dominance(int cell) =>
        _dominance is null ? throw new InvalidOperationException($"Measure '{Name}' has no contribution statistics.") : _dominance[cell];

    /// <summary>Non-null observations, or <see cref="NotGiven"/>.</summary>
    public long Observations(int cell) => _observations?[cell] ?? NotGiven;

    /// <summary>Residual degrees of freedom, or <see cref="NotGiven"/>.</summary>
    public long DegreesOfFreedom(int cell) => _degreesOfFreedom?[cell] ?? NotGiven;

    /// <summary>Distinct contributing units, or <see cref="NotGiven"/>.</summary>
    public long Contributors(int cell) => _contributors?[cell] ?? NotGiven;

    public bool HasMissing(int cell) => _hasMissing is not null && _hasMissing[cell];

    /// <summary>Sum and mean are the sum/mean-type measures the dominance rules apply to.</summary>
    public static bool IsDominanceKind(MeasureKind kind) => kind is MeasureKind.Sum or MeasureKind.Mean;

    internal ReadOnlySpan<double> Values => _values;

    internal DominanceStatistics[]? DominanceArray => _dominance;

    internal long[]? ObservationsArray => _observations;

    internal long[]? DegreesOfFreedomArray => _degreesOfFreedom;

    internal long[]? ContributorsArray => _contributors;

    internal bool[]? MissingArray => _hasMissing;

    private static void Check(string name, string what, int? length, int n)
    {
        if (length is { } l && l != n)
            throw new ArgumentException($"Measure '{name}': {what} has {l} entries for {n} cells.");
    }
}
