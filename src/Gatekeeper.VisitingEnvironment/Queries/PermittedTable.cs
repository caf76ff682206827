namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// A catalogue table as a permit grants it: the view of this name shows only <see cref="Variables"/>.
/// <see cref="CatalogueVariables"/> lists every variable the table has, so a query naming one outside the permit is
/// refused with a message that says so (rather than DuckDB's "column not found").
/// </summary>
/// <param name="Name">Table (and view) name, e.g. <c>activity</c>.</param>
/// <param name="Variables">The permit's approved variables of the table, in any order (the view keeps catalogue order).</param>
/// <param name="CatalogueVariables">All variables of the table in catalogue order; empty when unknown.</param>
public sealed record PermittedTable(string Name, IReadOnlyList<string> Variables, IReadOnlyList<string> CatalogueVariables);
