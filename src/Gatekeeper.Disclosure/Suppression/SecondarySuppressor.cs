using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Suppression;

/// <summary>
/// Chooses complementary suppressions so that no suppressed cell can be derived from the published
/// cells and the margins. Two phases: (1) local — every relation holding exactly one suppressed cell
/// gets a second one, the cheapest eligible member (see <see cref="Cost"/>), repeated until no relation
/// has a lone suppressed cell; (2) global — the exact <see cref="RecoverabilityChecker"/> finds cells that
/// are still determined through combinations of relations (possible in 3+ dimensions and with partial
/// margins); for each, the nearest relation (breadth-first over shared relations) with an eligible
/// published member loses its cheapest one, then phase 1 runs again. Each round suppresses at least one
/// more cell, so it ends; a table with every eligible cell suppressed has nothing derivable unless
/// structural zeros pin it, which the plan then reports as not safe.
/// </summary>
public static class SecondarySuppressor
{
    public static SuppressionPlan Plan(TableOutput table, IReadOnlyList<bool> primary, SecondarySuppressionStrategy strategy, IReadOnlyList<LinearRelation>? relations = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(primary);
        if (primary.Count != table.CellCount) throw new ArgumentException($"primary has {primary.Count} entries for {table.CellCount} cells.", nameof(primary));
        relations ??= TableRelations.Build(table);
        var n = table.CellCount;
        var suppressed = primary.ToArray();
        var isPrimary = primary.ToArray();
        var protects = new int[n];
        Array.Fill(protects, -1);
        if (relations.Count == 0 || !suppressed.Contains(true))
            return new SuppressionPlan(suppressed, isPrimary, protects, []);

        var memberOf = new List<int>[n];
        for (var c = 0; c < n; c++) memberOf[c] = [];
        var suppressedIn = new int[relations.Count];
        for (var r = 0; r < relations.Count; r++)
        {
            foreach (var c in relations[r].Members)
            {
                memberOf[c].Add(r);
                if (suppressed[c]) suppressedIn[r]++;
            }
        }

        var state = new State(table, relations, strategy, suppressed, protects, memberOf, suppressedIn);
        var queue = new Queue<int>(Enumerable.Range(0, relations.Count));
        state.Propagate(queue);
        while (true)
        {
            var determined = RecoverabilityChecker.DeterminedCells(relations, suppressed);
            if (determined.Count == 0) return new SuppressionPlan(suppressed, isPrimary, protects, []);
            var added = false;
            foreach (var cell in determined)
            {
                if (state.ProtectNearest(cell, queue))
                {
                    added = true;
                    break;
                }
            }

            if (!added) return new SuppressionPlan(suppressed, isPrimary, protects, determined);
            state.Propagate(queue);
        }
    }

    /// <summary>
    /// Order of preference for a complementary suppression (lower first): the strategy's side of the
    /// table (interior or margins), then a cell that also fixes another relation with a lone suppressed
    /// cell, then the fewest units (least information lost), then position (determinism).
    /// </summary>
    private static (int Side, int Bonus, long Units, int Cell) Cost(State s, int cell, int exceptRelation)
    {
        var margin = s.Table.IsMargin(cell);
        var side = s.Strategy == SecondarySuppressionStrategy.Complementary ? (margin ? 1 : 0) : (margin ? 0 : 1);
        var bonus = 0;
        foreach (var r in s.MemberOf[cell])
        {
            if (r != exceptRelation && s.SuppressedIn[r] == 1) bonus--;
        }

        return (side, bonus, s.Table.Count(cell), cell);
    }

    private sealed class State(
        TableOutput table,
        IReadOnlyList<LinearRelation> relations,
        SecondarySuppressionStrategy strategy,
        bool[] suppressed,
        int[] protects,
        List<int>[] memberOf,
        int[] suppressedIn)
    {
        public TableOutput Table { get; } = table;

        public SecondarySuppressionStrategy Strategy { get; } = strategy;

        public List<int>[] MemberOf { get; } = memberOf;

        public int[] SuppressedIn { get; } = suppressedIn;

        /// <summary>Gives every relation with a lone suppressed cell a second suppressed member.</summary>
        public void Propagate(Queue<int> queue)
        {
            while (queue.Count > 0)
            {
                var r = queue.Dequeue();
                if (SuppressedIn[r] != 1) continue;
                var lone = relations[r].Members.First(c => suppressed[c]);
                var best = BestCandidate(relations[r].Members, r);
                if (best < 0) continue; // nothing eligible here; the exact check will look further
                Suppress(best, lone, queue);
            }
        }

        /// <summary>Suppresses the cheapest eligible cell in the relation nearest to a determined cell.</summary>
        public bool ProtectNearest(int cell, Queue<int> queue)
        {
            var seenRelations = new HashSet<int>();
            var seenCells = new HashSet<int> { cell };
            var frontier = new List<int>(MemberOf[cell]);
            while (frontier.Count > 0)
            {
                var candidates = new List<int>();
                var next = new List<int>();
                foreach (var r in frontier)
                {
                    if (!seenRelations.Add(r)) continue;
                    candidates.AddRange(relations[r].Members.Where(Eligible));
                    foreach (var m in relations[r].Members)
                    {
                        if (suppressed[m] && seenCells.Add(m)) next.AddRange(MemberOf[m]);
                    }
                }

                if (candidates.Count > 0)
                {
                    var best = candidates.Distinct().MinBy(c => Cost(this, c, -1));
                    Suppress(best, cell, queue);
                    return true;
                }

                frontier = next;
            }

            return false;
        }

        private int BestCandidate(IEnumerable<int> members, int relation)
        {
            var best = -1;
            (int, int, long, int) bestCost = default;
            foreach (var c in members)
            {
                if (!Eligible(c)) continue;
                var cost = Cost(this, c, relation);
                if (best < 0 || cost.CompareTo(bestCost) < 0)
                {
                    best = c;
                    bestCost = cost;
                }
            }

            return best;
        }

        // A structural zero is public knowledge, so blanking it hides nothing.
        private bool Eligible(int cell) => !suppressed[cell] && !Table.IsStructuralZero(cell);

        private void Suppress(int cell, int protectedCell, Queue<int> queue)
        {
            suppressed[cell] = true;
            protects[cell] = protectedCell;
            foreach (var r in MemberOf[cell])
            {
                SuppressedIn[r]++;
                queue.Enqueue(r);
            }
        }
    }
}
