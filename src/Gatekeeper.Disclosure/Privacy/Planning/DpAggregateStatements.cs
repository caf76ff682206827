namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// A DP aggregate's rewrite, as one statement and in stages. The stages let the visiting environment skip the
/// bounding windows when nobody exceeds a cap: keep <see cref="PerPersonGroup"/> in a temporary table named
/// <see cref="DpAggregateSql.PerPersonGroupTable"/>, count with <see cref="OverCapsCount"/>, then read
/// <see cref="WithinCaps"/> when the count is zero and <see cref="Bounded"/> otherwise. Both give exactly what
/// <see cref="Single"/> gives.
/// </summary>
/// <param name="Single">The whole rewrite in one statement.</param>
/// <param name="PerPersonGroup">Rows, lattice sums and text keys per (person, public group).</param>
/// <param name="OverCapsCount">How many persons exceed a cap (reads the stage's table).</param>
/// <param name="WithinCaps">The result straight from the stage's table (correct only when nobody exceeds a cap).</param>
/// <param name="Bounded">The result with every cap enforced (reads the stage's table and the rows again).</param>
public sealed record DpAggregateStatements(string Single, string PerPersonGroup, string OverCapsCount, string WithinCaps, string Bounded);
