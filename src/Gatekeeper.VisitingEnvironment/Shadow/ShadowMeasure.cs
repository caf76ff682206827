using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.VisitingEnvironment.Shadow;

/// <summary>A measure column of a result table: its output name, what it computes, and the aggregate behind it.</summary>
/// <param name="Name">The output column.</param>
/// <param name="Kind">Decides the disclosure rules that apply.</param>
/// <param name="Function">The aggregate as written (count_star for <c>count(*)</c>).</param>
/// <param name="Quantile">The level of a quantile.</param>
/// <param name="CountsPersons">A <c>count(DISTINCT &lt;unit&gt;)</c>.</param>
public sealed record ShadowMeasure(string Name, MeasureKind Kind, string Function, double? Quantile = null, bool CountsPersons = false);
