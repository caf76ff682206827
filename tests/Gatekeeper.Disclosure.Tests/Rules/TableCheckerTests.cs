using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Tests.Rules;

public sealed class TableCheckerTests
{
    private static MeasureStatistics Count(long n) => new(n);

    private static MeasureStatistics Sum(params decimal[] perPerson) =>
        new((double)perPerson.Sum(), DominanceStatistics.FromContributions(perPerson));

    [Fact]
    public void Counts_pass_at_10_and_fail_at_9_persons_with_the_policy_hash_on_the_verdict()
    {
        var policy = TestPolicies.Default;
        var table = new TableOutputBuilder(["sex"]).Measure("n", MeasureKind.Count)
            .Add(["F"], 10, 14, [Count(14)])
            .Add(["M"], 9, 12, [Count(12)])
            .Build();

        var verdict = TableChecker.Check(table, policy);

        Assert.Equal(CheckStatus.Fail, verdict.Status);
        Assert.Equal(CheckStatus.Pass, verdict.CellStatus(0));
        Assert.Equal(["threshold"], verdict.FailedRules(1));
        var finding = Assert.Single(verdict.Findings);
        Assert.Equal("sex=M", finding.CellKey);
        Assert.Contains(new Evidence("units", 9, true), finding.Numbers);
        Assert.Contains(new Evidence("threshold", 10), finding.Numbers);
        Assert.Equal(policy.Sha256, verdict.Policy.Sha256);
        Assert.Equal("default", verdict.Policy.Id);
        Assert.DoesNotContain("9", finding.Reason); // researchers see why, not the shadow count
    }

    [Fact]
    public void Rows_are_counted_when_there_is_no_unit_id()
    {
        var table = new TableOutputBuilder(["sex"], hasUnitId: false).Measure("n", MeasureKind.Count)
            .Add(["F"], 3, 10, [Count(10)])
            .Build();
        Assert.Equal(CheckStatus.Pass, TableChecker.Check(table, TestPolicies.Default).Status);
    }

    [Fact]
    public void A_filtered_count_below_threshold_fails_even_in_a_large_cell()
    {
        var table = new TableOutputBuilder(["sex"]).Measure("diabetic", MeasureKind.Count)
            .Add(["F"], 50, 50, [new MeasureStatistics(3, Contributors: 3)])
            .Add(["M"], 50, 50, [new MeasureStatistics(0, Contributors: 0)])
            .Build();
        var verdict = TableChecker.Check(table, TestPolicies.Default);
        Assert.Equal(["threshold"], verdict.FailedRules(0));
        Assert.Equal(["zero"], verdict.FailedRules(1));
    }

    [Fact]
    public void Structural_zeros_pass_and_other_zeros_fail()
    {
        var table = new TableOutputBuilder(["sex", "pregnant"]).Measure("n", MeasureKind.Count)
            .Add(["M", "yes"], 0, 0, [Count(0)], structuralZero: true)
            .Add(["F", "yes"], 0, 0, [Count(0)])
            .Build();
        var verdict = TableChecker.Check(table, TestPolicies.Default);
        Assert.Equal(CheckStatus.Pass, verdict.CellStatus(0));
        Assert.Equal(["zero"], verdict.FailedRules(1));
    }

    [Fact]
    public void Sums_get_both_dominance_rules_with_exact_numbers()
    {
        // 12 persons; two dominate: 500 + 450 of 1000 = 0.95 ≥ 0.90; remainder 50 ≥ 0.10 × 500 = 50 passes p-ratio.
        var contributions = new decimal[] { 500m, 450m, 5m, 5m, 5m, 5m, 5m, 5m, 5m, 5m, 5m, 5m };
        var table = new TableOutputBuilder(["region"]).Measure("cost", MeasureKind.Sum)
            .Add(["13"], 12, 12, [Sum(contributions)])
            .Build();
        var verdict = TableChecker.Check(table, TestPolicies.Default);
        Assert.Equal(["nk-dominance"], verdict.FailedRules(0));
        var nk = Assert.Single(verdict.Findings);
        Assert.Contains(new Evidence("top_n", 950m, true), nk.Numbers);
        Assert.Contains(new Evidence("k_times_total", 900.00m, true), nk.Numbers);
        Assert.Equal("cost", nk.Measure);
    }

    [Fact]
    public void Min_max_review_dof_fail_and_missing_review_are_reported_per_measure()
    {
        var table = new TableOutputBuilder(["arm"])
            .Measure("max_hba1c", MeasureKind.Max)
            .Measure("sd_hba1c", MeasureKind.StandardDeviation)
            .Measure("beta", MeasureKind.Regression)
            .Measure("mean_weight", MeasureKind.Mean)
            .Add(["A"], 10, 10, [new(8.1), new(0.4, Observations: 10), new(0.2, DegreesOfFreedom: 9), new(70, DominanceStatistics.FromContributions(Enumerable.Repeat(70m, 10).ToArray()), HasMissing: true)])
            .Build();
        var verdict = TableChecker.Check(table, TestPolicies.Default);
        Assert.Equal(["dof"], verdict.FailedRules(0));
        Assert.Equal(["nk-dominance", "missing"], verdict.ReviewRules(0));
        Assert.Equal(2, verdict.Findings.Count(f => f.Rule == RuleCode.Dof));
        var allowing = TestPolicies.With(TablePolicy.Default with { AllowMinMax = true, CheckMissingValues = false, MinDegreesOfFreedom = 9 });
        Assert.Equal(CheckStatus.Pass, TableChecker.Check(table, allowing).Status);
    }

    [Fact]
    public void Overall_status_is_review_when_nothing_fails_but_something_needs_review()
    {
        var table = new TableOutputBuilder(["arm"]).Measure("max", MeasureKind.Max)
            .Add(["A"], 20, 20, [new(9.0)])
            .Build();
        Assert.Equal(CheckStatus.Review, TableChecker.Check(table, TestPolicies.Default).Status);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        var builder = new TableOutputBuilder(["sex"]).Measure("n", MeasureKind.Count)
            .Add(["F"], 10, 10, [Count(10)])
            .Add(["F"], 11, 11, [Count(11)]);
        Assert.Throws<ArgumentException>(() => builder.Build());
    }

    [Fact]
    public void A_table_without_key_columns_has_one_cell()
    {
        var builder = new TableOutputBuilder([]).Measure("n", MeasureKind.Count)
            .Add([], 10, 10, [Count(10)])
            .Add([], 11, 11, [Count(11)]);
        Assert.Throws<ArgumentException>(() => builder.Build());
    }

    [Fact]
    public void Null_groups_and_margins_are_distinct_keys()
    {
        var table = new TableOutputBuilder(["sex"]).Measure("n", MeasureKind.Count)
            .Add([KeyPart.Null], 10, 10, [Count(10)])
            .Add([KeyPart.All], 30, 30, [Count(30)])
            .Add(["F"], 20, 20, [Count(20)])
            .Build();
        Assert.Equal(0, table.FindCell([KeyPart.Null]));
        Assert.Equal(1, table.FindCell([KeyPart.All]));
        Assert.Equal("sex=Total", table.KeyText(1));
        Assert.Equal("sex=NULL", table.KeyText(0));
        Assert.True(table.HasMargins);
    }
}
