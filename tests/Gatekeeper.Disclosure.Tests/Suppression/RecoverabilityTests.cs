using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Tests.Suppression;

public sealed class RecoverabilityTests
{
    private static TableOutput OneDimension() => new TableOutputBuilder(["arm"]).Measure("n", MeasureKind.Count)
        .Add(["A"], 12, 12, [new(12)])
        .Add(["B"], 3, 3, [new(3)])
        .Add(["C"], 20, 20, [new(20)])
        .Add([KeyPart.All], 35, 35, [new(35)])
        .Build();

    [Fact]
    public void A_lone_suppressed_cell_is_recovered_from_its_total()
    {
        var table = OneDimension();
        var relations = TableRelations.Build(table);
        var relation = Assert.Single(relations);
        Assert.Equal(3, relation.Total);
        Assert.Equal([0, 1, 2], relation.Parts);
        Assert.Equal([1], RecoverabilityChecker.DeterminedCells(relations, [false, true, false, false]));
        Assert.Empty(RecoverabilityChecker.DeterminedCells(relations, [true, true, false, false]));
    }

    [Fact]
    public void Two_dimensional_recovery_through_a_chain_of_relations_is_found()
    {
        // 2×2 with margins; suppress x11 and x12 (row 1 has two unknowns) but both columns have one: each is recovered from its column.
        var table = GridTables.Build([2, 2], new Random(7), 10, 30);
        var relations = TableRelations.Build(table);
        var x11 = table.FindCell(["v0", "v0"]);
        var x12 = table.FindCell(["v0", "v1"]);
        var suppressed = new bool[table.CellCount];
        suppressed[x11] = suppressed[x12] = true;
        Assert.Equal(new[] { x11, x12 }.Order(), RecoverabilityChecker.DeterminedCells(relations, suppressed));

        // The classic rectangle x11, x12, x21, x22 is safe: every relation has two unknowns and the pattern can be perturbed.
        suppressed[table.FindCell(["v1", "v0"])] = suppressed[table.FindCell(["v1", "v1"])] = true;
        Assert.Empty(RecoverabilityChecker.DeterminedCells(relations, suppressed));
    }

    [Fact]
    public void Every_relation_having_two_suppressed_cells_is_not_enough_in_general()
    {
        // x = a + b, y = a + c, z = b + c, w = x + y (all unknown except as noted) – hand-built relations:
        // totals 3, 4, 5 over parts; with cells 0,1,2 suppressed and 3,4,5 published, 2·a = x + y − z.
        var relations = new List<LinearRelation>
        {
            new(3, [0, 1], 0),
            new(4, [0, 2], 0),
            new(5, [1, 2], 0),
        };
        var suppressed = new[] { true, true, true, false, false, false };
        Assert.Equal([0, 1, 2], RecoverabilityChecker.DeterminedCells(relations, suppressed));
        foreach (var cell in new[] { 0, 1, 2 })
            Assert.True(BruteForceRecovery.AttackRecovers(relations, suppressed, cell) || !BruteForceRecovery.PerturbationExists(relations, suppressed, cell));
    }

    [Fact]
    public void Exact_elimination_agrees_with_both_brute_force_searches_on_random_patterns()
    {
        var random = new Random(20260701);
        var checkedCells = 0;
        for (var trial = 0; trial < 120; trial++)
        {
            int[] sizes = random.Next(3) == 0 ? [random.Next(2, 6)] : [random.Next(2, 4), random.Next(2, 4)];
            var table = GridTables.Build(sizes, random);
            var relations = TableRelations.Build(table);
            var suppressed = new bool[table.CellCount];
            var count = random.Next(1, Math.Min(7, table.CellCount));
            for (var i = 0; i < count; i++) suppressed[random.Next(table.CellCount)] = true;

            var determined = RecoverabilityChecker.DeterminedCells(relations, suppressed).ToHashSet();
            for (var cell = 0; cell < table.CellCount; cell++)
            {
                if (!suppressed[cell]) continue;
                var attack = BruteForceRecovery.AttackRecovers(relations, suppressed, cell);
                var perturbation = BruteForceRecovery.PerturbationExists(relations, suppressed, cell);
                Assert.NotEqual(attack, perturbation); // totally unimodular: exactly one succeeds
                Assert.Equal(attack, determined.Contains(cell));
                checkedCells++;
            }
        }

        Assert.True(checkedCells > 200);
    }

    [Fact]
    public void Rational_arithmetic_is_exact()
    {
        var third = new Rational(1, 3);
        Assert.Equal(Rational.One, third + third + third);
        Assert.Equal(new Rational(-1, 6), new Rational(1, 6) - new Rational(2, 6));
        Assert.Equal(new Rational(2, 1), new Rational(4, 6) / new Rational(1, 3));
        Assert.True((third - third).IsZero);
        Assert.Equal("1/3", third.ToString());
    }
}
