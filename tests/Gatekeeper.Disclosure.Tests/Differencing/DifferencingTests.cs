using System.Text.Json;
using Gatekeeper.Disclosure.Differencing;
using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Tests.Differencing;

public sealed class DifferencingTests
{
    private static readonly GroupDefinition Everyone = new() { Universe = "dpp/person" };

    private static TableOutput BySex(long f, long m) => new TableOutputBuilder(["sex"]).Measure("n", MeasureKind.Count)
        .Add(["F"], f, f, [new(f)])
        .Add(["M"], m, m, [new(m)])
        .Build();

    private static TableOutput BySexAndAge(params (string Sex, string Age, long N)[] cells)
    {
        var b = new TableOutputBuilder(["sex", "age_band"]).Measure("n", MeasureKind.Count);
        foreach (var (sex, age, n) in cells) b.Add([sex, age], n, n, [new(n)]);
        return b.Build();
    }

    private static ReleasedOutput Released(TableOutput table, GroupDefinition? definition = null) =>
        ReleasedOutput.FromTable("out-1", "permit-1", table, definition ?? Everyone);

    [Theory]
    [InlineData(115, true)]  // 120 − 115 = 5 persons isolated
    [InlineData(119, true)]  // 1 person
    [InlineData(111, true)]  // 9 persons
    [InlineData(110, false)] // 10: at the threshold, fine
    [InlineData(120, false)] // nothing isolated
    public void Nested_groupings_whose_counts_differ_by_1_to_9_are_flagged(long femaleSum, bool flagged)
    {
        var released = Released(BySex(120, 100));
        var next = BySexAndAge(("F", "40-49", 50), ("F", "50-59", femaleSum - 50), ("M", "40-49", 100));
        var findings = DifferencingChecker.Check(next, new DifferencingContext(Everyone, [released]), 10);
        Assert.Equal(flagged, findings.Any(f => f.CellKey.StartsWith("sex=F", StringComparison.Ordinal)));
        Assert.DoesNotContain(findings, f => f.CellKey.StartsWith("sex=M", StringComparison.Ordinal));
        if (flagged)
        {
            Assert.Equal(2, findings.Count);
            Assert.All(findings, f => Assert.Contains(new Evidence("difference", 120 - femaleSum, true), f.Numbers));
            Assert.All(findings, f => Assert.Equal(CheckStatus.Review, f.Outcome));
        }
    }

    [Fact]
    public void A_new_outer_group_is_flagged_when_a_released_inner_group_is_almost_all_of_it()
    {
        // Released: persons with HbA1c ≥ 6.5 = 30. New: HbA1c ≥ 6.4 = 33 → the 3 persons with 6.4 ≤ HbA1c < 6.5 are isolated.
        var inner = new GroupDefinition { Universe = "dpp/person", Filters = new Dictionary<string, Constraint> { ["hba1c"] = Constraint.Range(6.5m, true, null, false) } };
        var outer = new GroupDefinition { Universe = "dpp/person", Filters = new Dictionary<string, Constraint> { ["hba1c"] = Constraint.Range(6.4m, true, null, false) } };
        static TableOutput Total(long n) => new TableOutputBuilder([]).Measure("n", MeasureKind.Count).Add([], n, n, [new(n)]).Build();

        var findings = DifferencingChecker.Check(Total(33), new DifferencingContext(outer, [Released(Total(30), inner)]), 10);
        var finding = Assert.Single(findings);
        Assert.Equal(RuleCode.Differencing, finding.Rule);
        Assert.Contains("out-1", finding.Reason, StringComparison.Ordinal);

        // The other way round (released outer, new inner) is caught too; a wider gap is not flagged.
        Assert.Single(DifferencingChecker.Check(Total(30), new DifferencingContext(inner, [Released(Total(33), outer)]), 10));
        Assert.Empty(DifferencingChecker.Check(Total(45), new DifferencingContext(outer, [Released(Total(30), inner)]), 10));
    }

    [Fact]
    public void Outputs_over_different_universes_or_unrelated_filters_are_not_compared()
    {
        var other = new GroupDefinition { Universe = "ndb/person" };
        Assert.Empty(DifferencingChecker.Check(BySexAndAge(("F", "40-49", 115)), new DifferencingContext(other, [Released(BySex(120, 100))]), 10));

        // A filter the released output does not imply (different arm) means the groups are not nested.
        var armA = new GroupDefinition { Universe = "dpp/person", Filters = new Dictionary<string, Constraint> { ["arm"] = Constraint.OneOf("A") } };
        var armB = new GroupDefinition { Universe = "dpp/person", Filters = new Dictionary<string, Constraint> { ["arm"] = Constraint.OneOf("B") } };
        Assert.Empty(DifferencingChecker.Check(BySex(118, 99), new DifferencingContext(armA, [Released(BySex(120, 100), armB)]), 10));

        // Arm A is inside everyone: 120 − 118 = 2 isolated.
        Assert.NotEmpty(DifferencingChecker.Check(BySex(118, 99), new DifferencingContext(armA, [Released(BySex(120, 100))]), 10));
    }

    [Fact]
    public void Aliased_key_columns_compare_through_their_variable()
    {
        var aliased = new GroupDefinition { Universe = "dpp/person", KeyVariables = new Dictionary<string, string> { ["gender"] = "sex" } };
        var table = new TableOutputBuilder(["gender"]).Measure("n", MeasureKind.Count).Add(["F"], 116, 116, [new(116)]).Build();
        Assert.Single(DifferencingChecker.Check(table, new DifferencingContext(aliased, [Released(BySex(120, 100))]), 10));
    }

    [Fact]
    public void Margins_of_the_new_output_are_their_own_level()
    {
        // The new output's sex=Total margin (217) against released F + M (120 + 100 = 220): 3 isolated.
        var next = new TableOutputBuilder(["sex"]).Measure("n", MeasureKind.Count)
            .Add(["F"], 120, 120, [new(120)])
            .Add(["M"], 100, 100, [new(100)])
            .Add([KeyPart.All], 223, 223, [new(223)])
            .Build();
        var findings = DifferencingChecker.Check(next, new DifferencingContext(Everyone, [Released(BySex(120, 100))]), 10);
        var finding = Assert.Single(findings);
        Assert.Equal("sex=Total", finding.CellKey);
    }

    [Fact]
    public async Task The_checker_uses_the_release_history_and_reports_differencing_for_review()
    {
        var history = new InMemoryReleaseHistory();
        await history.RecordAsync(Released(BySex(120, 100)));
        Assert.Empty(await history.ReleasedUnderPermitAsync("permit-2"));
        var context = await DifferencingContext.LoadAsync(history, "permit-1", Everyone);

        var verdict = TableChecker.Check(BySexAndAge(("F", "40-49", 60), ("F", "50-59", 55), ("M", "all", 100)), TestPolicies.Default, context);

        Assert.Equal(CheckStatus.Review, verdict.Status);
        Assert.Equal(["differencing"], verdict.ReviewRules(0));
        Assert.Equal(["differencing"], verdict.ReviewRules(1));
        Assert.Empty(verdict.ReviewRules(2));
        using var json = JsonDocument.Parse(VerdictJsonWriter.ToJson(verdict));
        Assert.Equal("review", json.RootElement.GetProperty("status").GetString());
        Assert.Contains(json.RootElement.GetProperty("messages").EnumerateArray(), m => m.GetString()!.StartsWith("Differencing:", StringComparison.Ordinal));
    }

    [Fact]
    public void Constraint_containment_is_exact()
    {
        Assert.True(Constraint.Range(6.5m, true, null, false).IsSubsetOf(Constraint.Range(6.4m, true, null, false)));
        Assert.False(Constraint.Range(6.4m, true, null, false).IsSubsetOf(Constraint.Range(6.5m, true, null, false)));
        Assert.True(Constraint.Range(6.5m, false, 7m, false).IsSubsetOf(Constraint.Range(6.5m, true, 7m, true)));
        Assert.False(Constraint.Range(6.5m, true, 7m, true).IsSubsetOf(Constraint.Range(6.5m, false, 7m, true)));
        Assert.True(Constraint.OneOf("7.0", "6.5").IsSubsetOf(Constraint.Range(6.5m, true, null, false)));
        Assert.False(Constraint.Range(1m, true, 2m, true).IsSubsetOf(Constraint.OneOf("1", "2")));
        Assert.True(Constraint.OneOf("A").IsSubsetOf(Constraint.OneOf("A", "B")));
    }
}
