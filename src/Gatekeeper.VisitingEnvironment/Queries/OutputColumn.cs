namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>An output column of an aggregate query: a dimension (cell key), a measure, or a constant.</summary>
/// <param name="Position">0-based position in the output.</param>
/// <param name="Name">The output column name (as DuckDB names it).</param>
/// <param name="Dimension">Index into the plan's dimensions when the column is a cell key.</param>
/// <param name="Call">The aggregate call a measure publishes (possibly wrapped, e.g. <c>round(avg(x), 1)</c>).</param>
internal sealed record OutputColumn(int Position, string Name, int? Dimension, AggregateCall? Call)
{
    public bool IsDimension => Dimension is not null;

    public bool IsMeasure => Call is not null;
}
