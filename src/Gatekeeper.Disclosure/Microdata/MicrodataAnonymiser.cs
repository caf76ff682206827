using Gatekeeper.Disclosure.Policies;

namespace Gatekeeper.Disclosure.Microdata;

/// <summary>
/// Finds hierarchy levels that make the data k-anonymous within the suppression limit, then assesses
/// it. Starts at each quasi-identifier's start level; while the records in classes smaller than k exceed
/// the limit, raises by one level the quasi-identifier whose generalisation leaves the fewest such
/// records (ties: the earlier QI in the policy). A greedy walk up the generalisation lattice: not
/// guaranteed minimal, but deterministic and each step is one grouping pass.
/// </summary>
public static class MicrodataAnonymiser
{
    public static MicrodataAssessment Anonymise(MicrodataTable table, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(policy);
        var mp = MicrodataAssessor.Present(policy.Microdata, table, null);
        var levels = MicrodataAssessor.ResolveLevels(table, mp, null);
        var limit = mp.SuppressionLimit * table.RowCount;
        var atRisk = AtRisk(table, mp, levels);
        while (atRisk > limit)
        {
            string? best = null;
            var bestRisk = long.MaxValue;
            foreach (var q in mp.QuasiIdentifiers)
            {
                if (levels[q.Column] >= q.Hierarchy.Count) continue;
                levels[q.Column]++;
                var risk = AtRisk(table, mp, levels);
                levels[q.Column]--;
                if (risk < bestRisk)
                {
                    bestRisk = risk;
                    best = q.Column;
                }
            }

            if (best is null) break;
            levels[best]++;
            atRisk = bestRisk;
        }

        return MicrodataAssessor.Assess(table, policy, levels);
    }

    private static long AtRisk(MicrodataTable table, MicrodataPolicy mp, Dictionary<string, int> levels)
    {
        var gens = mp.QuasiIdentifiers.Select(q => Generaliser.Generalise(table.Column(q.Column), q, levels[q.Column])).ToList();
        var classes = EquivalenceClasses.Build(gens, table.RowCount);
        long atRisk = 0;
        foreach (var size in classes.Sizes)
        {
            if (size < mp.K) atRisk += size;
        }

        return atRisk;
    }
}
