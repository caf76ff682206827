using Gatekeeper.Disclosure.Privacy.Floating;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// One statistic of a DP aggregate. Sums and means need the column and its clamping bounds from the
/// policy; the lattice defaults to 32 bits of resolution on the bounds; a missing or NaN value is replaced
/// by <see cref="Impute"/> (default: the lower bound) inside the query, so no data-dependent error can occur.
/// </summary>
public sealed record DpMeasureSpec
{
    public DpMeasureSpec(string name, DpMeasureKind kind, string? column = null, ClampBounds? bounds = null, FloatLattice? lattice = null, double? impute = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (kind != DpMeasureKind.Count)
        {
            if (string.IsNullOrWhiteSpace(column)) throw new ArgumentException($"Measure '{name}' ({kind}) needs a column.", nameof(column));
            if (bounds is null) throw new ArgumentException($"Measure '{name}' ({kind}) needs clamping bounds from the policy.", nameof(bounds));
            if (impute is { } v && (!double.IsFinite(v) || v < bounds.Lower || v > bounds.Upper))
                throw new ArgumentException($"The imputed value {v} of '{name}' must lie within its bounds [{bounds.Lower}, {bounds.Upper}].", nameof(impute));
        }

        Name = name;
        Kind = kind;
        Column = column;
        Bounds = bounds;
        Lattice = kind == DpMeasureKind.Count ? FloatLattice.Integers : lattice ?? FloatLattice.ForBounds(bounds!);
        Impute = kind == DpMeasureKind.Count ? null : impute ?? bounds!.Lower;
    }

    public string Name { get; }

    public DpMeasureKind Kind { get; }

    public string? Column { get; }

    public ClampBounds? Bounds { get; }

    public FloatLattice Lattice { get; }

    public double? Impute { get; }

    public static DpMeasureSpec Count(string name) => new(name, DpMeasureKind.Count);

    public static DpMeasureSpec Sum(string name, string column, ClampBounds bounds, FloatLattice? lattice = null) => new(name, DpMeasureKind.Sum, column, bounds, lattice);

    public static DpMeasureSpec Mean(string name, string column, ClampBounds bounds, FloatLattice? lattice = null) => new(name, DpMeasureKind.Mean, column, bounds, lattice);
}
