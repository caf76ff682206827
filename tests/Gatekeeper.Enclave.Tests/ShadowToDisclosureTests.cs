using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Enclave.Tests;

/// <summary>The shadow statistics feed the automated disclosure checks directly (Gatekeeper.Disclosure's TableOutput).</summary>
public sealed class ShadowToDisclosureTests
{
    [Fact]
    public void A_cell_of_two_persons_fails_the_threshold_and_a_dominated_sum_fails_dominance()
    {
        // Group a: 12 persons with 1 each and one with 1000 (dominated); group b: two persons.
        var rows = Enumerable.Range(1, 12).Select(i => new Observation($"p{i:D2}", "a", 1, 1, null))
            .Append(new Observation("p13", "a", 1, 1000, null))
            .Append(new Observation("p14", "b", 1, 5, null))
            .Append(new Observation("p15", "b", 1, 6, null))
            .ToList();
        using var table = new ObservationTable(rows, new HashSet<string>());
        var run = InProcessRun.Of(table.Spec("SELECT g1, count(*) AS n, sum(v) AS total FROM obs GROUP BY g1 ORDER BY g1"));
        Assert.Equal(WorkerStatus.Succeeded, run.Manifest.Status);

        var output = run.Shadow!.ToTableOutput();
        Assert.Equal(["g1"], output.Keys.Select(k => k.Name));
        Assert.Equal([MeasureKind.Count, MeasureKind.Sum], output.Measures.Select(m => m.Kind));
        var a = output.FindCell([KeyPart.Of("a")]);
        var b = output.FindCell([KeyPart.Of("b")]);
        Assert.Equal(13, output.Units(a));
        Assert.Equal(new DominanceStatistics(1000, 1, 1012, false), output.Measures[1].Dominance(a));

        var policy = DisclosurePolicyLoader.Load(Path.Combine(DemoDataFixture.RepositoryRoot, "policies", "disclosure", "default.yaml"));
        var verdict = TableChecker.Check(output, policy);
        Assert.True(verdict.HasFailed(b, RuleCode.Threshold));
        Assert.False(verdict.HasFailed(a, RuleCode.Threshold));
        Assert.True(verdict.HasFailed(a, RuleCode.NkDominance) || verdict.HasFailed(a, RuleCode.PRatio));
    }
}
