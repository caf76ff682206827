using System.Globalization;

namespace Gatekeeper.Disclosure.Differencing;

/// <summary>
/// A condition on one variable in a group definition: a set of allowed values (group-by values and
/// <c>IN</c>/<c>=</c> filters) or a numeric interval (<c>&gt;=</c>, <c>&lt;</c> filters). Containment is exact
/// (decimal bounds); a range is never assumed to be inside a finite set.
/// </summary>
public sealed class Constraint
{
    private readonly HashSet<string?>? _values;

    private Constraint(HashSet<string?>? values, decimal? min, bool minInclusive, decimal? max, bool maxInclusive)
    {
        _values = values;
        Min = min;
        MinInclusive = minInclusive;
        Max = max;
        MaxInclusive = maxInclusive;
    }

    /// <summary>Whether this is a value set (else a range).</summary>
    public bool IsSet => _values is not null;

    /// <summary>The allowed values (null = the NULL value); empty for a range.</summary>
    public IReadOnlyCollection<string?> Values => _values ?? (IReadOnlyCollection<string?>)[];

    public decimal? Min { get; }

    public bool MinInclusive { get; }

    public decimal? Max { get; }

    public bool MaxInclusive { get; }

    public static Constraint OneOf(params string?[] values) => new(new HashSet<string?>(values, StringComparer.Ordinal), null, false, null, false);

    public static Constraint Range(decimal? min, bool minInclusive, decimal? max, bool maxInclusive) =>
        new(null, min, minInclusive, max, maxInclusive);

    /// <summary>True when the set holds exactly one value, returned in <paramref name="value"/>.</summary>
    public bool IsSingle(out string? value)
    {
        if (_values is { Count: 1 })
        {
            value = _values.First();
            return true;
        }

        value = null;
        return false;
    }

    public bool Contains(string? value)
    {
        if (_values is not null) return _values.Contains(value);
        return value is not null
               && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)
               && InRange(v);
    }

    /// <summary>Whether every value this constraint allows is allowed by <paramref name="other"/>.</summary>
    public bool IsSubsetOf(Constraint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (_values is not null) return _values.All(other.Contains);
        if (other._values is not null) return false;
        return LowerWithin(other) && UpperWithin(other);
    }

    /// <summary>The values allowed by both; an empty set when nothing is.</summary>
    public Constraint Intersect(string? value) => Contains(value) ? OneOf(value) : OneOf();

    public override string ToString() => _values is not null
        ? "{" + string.Join(", ", _values.Select(v => v ?? "NULL").Order(StringComparer.Ordinal)) + "}"
        : $"{(MinInclusive ? '[' : '(')}{Min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, {Max?.ToString(CultureInfo.InvariantCulture) ?? "inf"}{(MaxInclusive ? ']' : ')')}";

    private bool InRange(decimal v) =>
        (Min is not { } lo || v > lo || (MinInclusive && v == lo))
        && (Max is not { } hi || v < hi || (MaxInclusive && v == hi));

    private bool LowerWithin(Constraint other)
    {
        if (other.Min is not { } olo) return true;
        if (Min is not { } lo) return false;
        return lo > olo || (lo == olo && (other.MinInclusive || !MinInclusive));
    }

    private bool UpperWithin(Constraint other)
    {
        if (other.Max is not { } ohi) return true;
        if (Max is not { } hi) return false;
        return hi < ohi || (hi == ohi && (other.MaxInclusive || !MaxInclusive));
    }
}
