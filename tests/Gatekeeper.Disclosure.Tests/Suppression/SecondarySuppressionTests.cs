using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Tests.Suppression;

public sealed class SecondarySuppressionTests
{
    [Fact]
    public void A_failing_cell_in_a_one_way_table_gets_the_smallest_other_cell_as_complement()
    {
        var table = new TableOutputBuilder(["arm"]).Measure("n", MeasureKind.Count)
            .Add(["A"], 12, 12, [new(12)])
            .Add(["B"], 3, 3, [new(3)])
            .Add(["C"], 20, 20, [new(20)])
            .Add([KeyPart.All], 35, 35, [new(35)])
            .Build();
        var verdict = TableChecker.Check(table, TestPolicies.Default);
        var mitigated = TableMitigator.Mitigate(verdict, TablePolicy.Default);
        Assert.Equal(CellTreatment.PrimarySuppressed, mitigated.Treatment(1));
        Assert.Equal(CellTreatment.SecondarySuppressed, mitigated.Treatment(0)); // 12 < 20: the cheaper interior cell
        Assert.Equal(CellTreatment.Published, mitigated.Treatment(2));
        Assert.Equal(CellTreatment.Published, mitigated.Treatment(3));
        Assert.Null(mitigated.Value(1, 0));
        Assert.Equal(35, mitigated.Value(3, 0));
        Assert.True(mitigated.IsProtected);
        Assert.Contains(mitigated.Notes, n => n.Cell == 0 && n.Reason.Contains("arm=B", StringComparison.Ordinal));
    }

    [Fact]
    public void The_margins_strategy_sacrifices_the_total_instead()
    {
        var table = new TableOutputBuilder(["arm"]).Measure("n", MeasureKind.Count)
            .Add(["A"], 12, 12, [new(12)])
            .Add(["B"], 3, 3, [new(3)])
            .Add([KeyPart.All], 15, 15, [new(15)])
            .Build();
        var verdict = TableChecker.Check(table, TestPolicies.Default);
        var mitigated = TableMitigator.Mitigate(verdict, TablePolicy.Default with { SecondarySuppression = SecondarySuppressionStrategy.Margins });
        Assert.Equal(CellTreatment.SecondarySuppressed, mitigated.Treatment(2));
        Assert.Equal(CellTreatment.Published, mitigated.Treatment(0));
        Assert.True(mitigated.IsProtected);
    }

    [Fact]
    public void Redaction_removes_suppressed_cells_from_the_output()
    {
        var table = new TableOutputBuilder(["arm"]).Measure("n", MeasureKind.Count)
            .Add(["A"], 12, 12, [new(12)])
            .Add(["B"], 3, 3, [new(3)])
            .Add(["C"], 20, 20, [new(20)])
            .Add([KeyPart.All], 35, 35, [new(35)])
            .Build();
        var mitigated = TableMitigator.Mitigate(TableChecker.Check(table, TestPolicies.Default), TablePolicy.Default with { Mitigation = MitigationMethod.Redact });
        Assert.True(mitigated.IsRemoved(1));
        Assert.True(mitigated.IsRemoved(0));
        Assert.False(mitigated.IsRemoved(2));
    }

    [Fact]
    public void Suppressions_on_random_one_and_two_way_tables_cannot_be_recovered_by_any_linear_combination()
    {
        var random = new Random(424242);
        for (var trial = 0; trial < 80; trial++)
        {
            int[] sizes = random.Next(4) == 0 ? [random.Next(2, 6)] : [random.Next(2, 4), random.Next(2, 4)];
            var table = GridTables.Build(sizes, random, 0, 30);
            var primary = new bool[table.CellCount];
            for (var i = 0; i < random.Next(1, 3); i++) primary[random.Next(table.CellCount)] = true;
            var strategy = random.Next(2) == 0 ? SecondarySuppressionStrategy.Complementary : SecondarySuppressionStrategy.Margins;
            var plan = SecondarySuppressor.Plan(table, primary, strategy);
            var relations = TableRelations.Build(table);

            Assert.True(plan.IsSafe);
            for (var c = 0; c < table.CellCount; c++) Assert.True(!primary[c] || plan.IsSuppressed(c));
            foreach (var r in relations)
            {
                var s = r.Members.Count(plan.IsSuppressed);
                Assert.True(s is 0 or >= 2, $"relation with total {r.Total} has one suppressed cell");
            }

            // Second, independent proof: every suppressed cell can be perturbed, and no combination of relations isolates it.
            for (var c = 0; c < table.CellCount; c++)
            {
                if (!plan.IsSuppressed(c)) continue;
                Assert.True(BruteForceRecovery.PerturbationExists(relations, plan.Suppressed, c));
                Assert.False(BruteForceRecovery.AttackRecovers(relations, plan.Suppressed, c));
            }
        }
    }

    [Fact]
    public void Suppressions_on_random_three_way_tables_pass_the_exact_check()
    {
        var random = new Random(99);
        for (var trial = 0; trial < 40; trial++)
        {
            var table = GridTables.Build([random.Next(2, 4), random.Next(2, 4), random.Next(2, 4)], random, 0, 20);
            var primary = new bool[table.CellCount];
            for (var i = 0; i < random.Next(1, 4); i++) primary[random.Next(table.CellCount)] = true;
            var plan = SecondarySuppressor.Plan(table, primary, SecondarySuppressionStrategy.Complementary);
            var relations = TableRelations.Build(table);
            Assert.True(plan.IsSafe);
            Assert.Empty(RecoverabilityChecker.DeterminedCells(relations, plan.Suppressed));
            for (var c = 0; c < table.CellCount; c++)
            {
                if (plan.IsSuppressed(c)) Assert.True(BruteForceRecovery.PerturbationExists(relations, plan.Suppressed, c));
            }
        }
    }

    [Fact]
    public void Structural_zeros_are_never_used_as_complements()
    {
        var table = new TableOutputBuilder(["sex"]).Measure("n", MeasureKind.Count)
            .Add(["F"], 4, 4, [new(4)])
            .Add(["X"], 0, 0, [new(0)], structuralZero: true)
            .Add(["M"], 30, 30, [new(30)])
            .Add([KeyPart.All], 34, 34, [new(34)])
            .Build();
        var plan = SecondarySuppressor.Plan(table, [true, false, false, false], SecondarySuppressionStrategy.Complementary);
        Assert.False(plan.IsSuppressed(1));
        Assert.True(plan.IsSuppressed(2));
        Assert.True(plan.IsSafe);
    }

    [Fact]
    public void Rounding_to_base_5_keeps_every_published_total_consistent()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 30; trial++)
        {
            var table = GridTables.Build([random.Next(2, 5), random.Next(2, 5)], random, 0, 25);
            var verdict = TableChecker.Check(table, TestPolicies.Default);
            var mitigated = TableMitigator.Mitigate(verdict, TablePolicy.Default with { Mitigation = MitigationMethod.Round });
            Assert.True(mitigated.IsRounded(0));
            foreach (var relation in TableRelations.Build(table))
            {
                var total = mitigated.Value(relation.Total, 0)!.Value;
                Assert.Equal(total, relation.Parts.Sum(p => mitigated.Value(p, 0)!.Value));
            }

            for (var c = 0; c < table.CellCount; c++)
            {
                var published = mitigated.Value(c, 0)!.Value;
                Assert.Equal(0, published % 5);
                if (!table.IsMargin(c)) Assert.InRange(Math.Abs(published - table.Measures[0].Value(c)!.Value), 0, 2);
                Assert.Equal(CellTreatment.Rounded, mitigated.Treatment(c)); // counts only: nothing needs suppressing
            }
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 5)]
    [InlineData(7, 5)]
    [InlineData(8, 10)]
    [InlineData(10, 10)]
    public void Base_5_rounding_goes_to_the_nearest_multiple(long count, long expected) =>
        Assert.Equal(expected, BaseRounding.Round(count, 5));

    [Fact]
    public void Rounding_still_suppresses_the_means_of_failing_cells()
    {
        var ten = Enumerable.Repeat(6.0m, 12).ToArray();
        var table = new TableOutputBuilder(["arm"]).Measure("n", MeasureKind.Count).Measure("mean", MeasureKind.Mean)
            .Add(["A"], 12, 12, [new(12), new(6.0, DominanceStatistics.FromContributions(ten))])
            .Add(["B"], 3, 3, [new(3), new(7.0, DominanceStatistics.FromContributions([7m, 7m, 7m]))])
            .Add(["C"], 14, 14, [new(14), new(6.0, DominanceStatistics.FromContributions(Enumerable.Repeat(6.0m, 14).ToArray()))])
            .Add([KeyPart.All], 29, 29, [new(29), new(6.1, DominanceStatistics.FromContributions(Enumerable.Repeat(6.1m, 29).ToArray()))])
            .Build();
        var mitigated = TableMitigator.Mitigate(TableChecker.Check(table, TestPolicies.Default), TablePolicy.Default with { Mitigation = MitigationMethod.Round });
        Assert.Equal(5, mitigated.Value(1, 0));
        Assert.Null(mitigated.Value(1, 1));
        Assert.Equal(CellTreatment.PrimarySuppressed, mitigated.Treatment(1));
        Assert.Equal(mitigated.Value(0, 0) + mitigated.Value(1, 0) + mitigated.Value(2, 0), mitigated.Value(3, 0));
        Assert.True(mitigated.IsProtected);
    }
}
