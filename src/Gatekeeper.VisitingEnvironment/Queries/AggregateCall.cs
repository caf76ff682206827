using System.Text.Json.Nodes;
using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// One aggregate call of the outermost query (in the output, HAVING or ORDER BY), as the shadow statistics see it.
/// </summary>
/// <param name="Index">Position among the calls; names the shadow columns (<c>__gk_n{Index}</c> …).</param>
/// <param name="Call">The call's node in the outermost query (identity is by reference).</param>
/// <param name="Function">Function name as written (count_star for <c>count(*)</c>).</param>
/// <param name="Kind">What the disclosure rules treat it as.</param>
/// <param name="Argument">The aggregated expression, null for <c>count(*)</c>.</param>
/// <param name="Filter">The FILTER (WHERE …) condition, if any.</param>
/// <param name="CountsUnits">A <c>count(DISTINCT &lt;unit column&gt;)</c>: the number of persons.</param>
/// <param name="Quantile">The level of a quantile.</param>
internal sealed record AggregateCall(
    int Index,
    JsonObject Call,
    string Function,
    MeasureKind Kind,
    JsonObject? Argument,
    JsonObject? Filter,
    bool Distinct,
    bool CountsUnits,
    double? Quantile)
{
    /// <summary>Whether the cell's value can be combined exactly from per-person partial aggregates (one pass).</summary>
    public bool Decomposable => Kind switch
    {
        MeasureKind.Count => !Distinct || CountsUnits,
        MeasureKind.Sum or MeasureKind.Mean => !Distinct,
        MeasureKind.Min or MeasureKind.Max => true,
        _ => false,
    };

    /// <summary>Whether the dominance rules apply (sum and mean need per-person contribution totals).</summary>
    public bool NeedsContributions => MeasureColumn.IsDominanceKind(Kind);
}
