namespace Gatekeeper.VisitingEnvironment.Shadow;

/// <summary>One output row (cell) of an aggregate result with its shadow statistics.</summary>
/// <param name="Key">The dimension values as text (<see cref="CellKeyText"/>), null for a NULL group.</param>
/// <param name="Persons">Distinct persons with a row in the cell.</param>
/// <param name="Rows">Rows behind the cell.</param>
/// <param name="StructuralZero">Whether the cell is empty by definition. A query cannot tell that from data, so the worker
/// never sets it: an empty cell counts as a (disclosive) zero until an output checker says otherwise.</param>
/// <param name="Measures">One entry per measure, in the table's measure order.</param>
public sealed record ShadowCell(IReadOnlyList<string?> Key, long Persons, long Rows, bool StructuralZero, IReadOnlyList<ShadowMeasureStatistics> Measures);
