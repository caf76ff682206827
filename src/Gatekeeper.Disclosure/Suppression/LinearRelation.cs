namespace Gatekeeper.Disclosure.Suppression;

/// <summary>
/// An additivity relation of a table with margins: the value of <see cref="Total"/> equals the sum of
/// the values of <see cref="Parts"/> (the cells that differ from it only in <see cref="Dimension"/>,
/// which the total aggregates over). Groups missing from the output are empty, i.e. known zeros.
/// </summary>
public sealed record LinearRelation(int Total, IReadOnlyList<int> Parts, int Dimension)
{
    /// <summary>Every cell in the relation: the total and its parts.</summary>
    public IEnumerable<int> Members => Parts.Prepend(Total);
}
