namespace Gatekeeper.Disclosure.Suppression;

/// <summary>One line of "what was done and why" for a mitigated cell.</summary>
/// <param name="Cell">Cell index.</param>
/// <param name="CellKey">Cell key as text.</param>
/// <param name="Treatment">What was done.</param>
/// <param name="Reason">Why: the failed rules, or the cell a complementary suppression protects, or the rounding base.</param>
public sealed record MitigationNote(int Cell, string CellKey, CellTreatment Treatment, string Reason);
