using Gatekeeper.Domain.Applications;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>What a query may read and return: the permit's views and variables, and its output tier.</summary>
/// <param name="Tier">The permit's output tier; aggregate statistics require an aggregation as the outermost query.</param>
/// <param name="Tables">The permit's tables.</param>
/// <param name="UnitColumn">The column identifying the person (the statistical unit) in every table.</param>
/// <param name="DatasetTables">All tables of the dataset, to tell "not in the permit" apart from "no such table".</param>
public sealed record QueryScope(
    OutputTier Tier,
    IReadOnlyList<PermittedTable> Tables,
    string UnitColumn = "participant_id",
    IReadOnlyList<string>? DatasetTables = null)
{
    /// <summary>The permitted table of this name (exact, case-insensitive like DuckDB's identifiers), or null.</summary>
    public PermittedTable? Table(string name) =>
        Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
