using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Guards;

namespace Gatekeeper.Workflows.Tests.Guards;

/// <summary>The guard language: a small, safe expression language over facts, type-checked at load.</summary>
public sealed class GuardExpressionTests
{
    private static readonly GuardSchema Schema = WorkflowSubjects.Schema(WorkflowSubjects.Application, ["approve", "approve-with-conditions", "reject"]);

    private static GuardFacts Facts() => new GuardFacts()
        .Set("tier", "anonymised-microdata")
        .Set("purpose", "ai-training")
        .Set("commercial", true)
        .Set("special_categories", ["genomic"])
        .Set("special_category", true)
        .Set("risk.score", 7)
        .Set("risk.level", "high")
        .Set("votes.for", 1)
        .Set("votes.pending", 1)
        .Set("votes.quorum", 2)
        .Set("votes.approve_with_conditions", 1);

    [Theory]
    [InlineData("risk.level == 'high'", true)]
    [InlineData("risk.level != 'high'", false)]
    [InlineData("risk.score >= 5 and not commercial", false)]
    [InlineData("risk.score >= 5 and commercial", true)]
    [InlineData("tier == 'pseudonymised-microdata' or special_category", true)]
    [InlineData("purpose == 'ai-training' and tier != 'aggregate-statistics'", true)]
    [InlineData("'genomic' in special_categories", true)]
    [InlineData("'mental-health' in special_categories", false)]
    [InlineData("purpose in ['ai-training', 'product-development']", true)]
    [InlineData("tier in ['aggregate-statistics']", false)]
    [InlineData("votes.for + votes.pending < votes.quorum", false)]
    [InlineData("votes.quorum - votes.for == 1", true)]
    [InlineData("votes.approve_with_conditions == 1 and votes.reject == 0", true)]
    [InlineData("not (risk.score < 5 or commercial)", false)]
    [InlineData("linkage", false)]
    [InlineData("true and (false or true)", true)]
    [InlineData("risk.score == 7.0", true)]
    public void Guards_evaluate_against_the_facts(string source, bool expected)
    {
        var parsed = GuardExpression.Parse(source, Schema);

        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.Equal(expected, parsed.Expression!.Evaluate(Facts()));
    }

    [Theory]
    [InlineData("risk.level == 'hihg'", 15, "'hihg' is not a value of risk.level")]
    [InlineData("risk.score > 'five'", 12, "cannot compare a number with a text")]
    [InlineData("tier < 'x'", 6, "'<' compares numbers, not a text")]
    [InlineData("commercial < true", 12, "'<' compares numbers, not a condition")]
    [InlineData("commercial and 3", 12, "'and' combines conditions, not a number")]
    [InlineData("(risk.score > 1", 16, "expected ')' but found 'end'")]
    [InlineData("risk.score > 1)", 15, "unexpected ')'")]
    [InlineData("risk..score > 1", 1, "malformed name 'risk..score'")]
    [InlineData("name == 'x", 9, "text not closed")]
    [InlineData("", 1, "the expression is empty")]
    [InlineData("risk.score", 1, "not a condition")]
    [InlineData("'x' in purpose", 5, "'in' tests a text in a list of texts")]
    [InlineData("special_categories == special_categories", 20, "lists cannot be compared")]
    [InlineData("purpose in ['a', 3]", 18, "a list holds 'texts'")]
    [InlineData("and risk.score > 1", 1, "'and' needs something before it")]
    [InlineData("risk.score > 1 | 2", 16, "unexpected character '|'")]
    public void Bad_guards_are_refused_with_column_and_reason(string source, int column, string reason)
    {
        var parsed = GuardExpression.Parse(source, Schema);

        Assert.False(parsed.Succeeded);
        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
        Assert.Equal(column, parsed.Column);
    }

    [Fact]
    public void A_missing_fact_reads_as_its_type_s_default()
    {
        var parsed = GuardExpression.Parse("votes.cast == 0 and not deadline.overdue and purpose == ''", Schema);

        Assert.True(parsed.Expression!.Evaluate(new GuardFacts()));
    }

    [Fact]
    public void Facts_survive_a_round_trip_through_json()
    {
        var json = Facts().ToJson();
        var back = GuardFacts.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Equal(7m, back.GetNumber("risk.score"));
        Assert.True(back.GetBoolean("commercial"));
        Assert.Equal("high", back.GetText("risk.level"));
    }

    /// <summary>Whatever text is written as a guard, parsing answers (a tree or an error with a column inside the text), never throws.</summary>
    [Property(MaxTest = 500)]
    public Property Parsing_any_text_never_throws()
    {
        var pieces = Gen.Elements("risk.score", "risk.level", "tier", "commercial", "'high'", "'x'", "3", "2.5", "(", ")", "[", "]", ",", "==", "!=", "<",
            ">=", "and", "or", "not", "in", "+", "-", "true", "special_categories", "votes.for", "..", "'", "@", " ");
        var texts = Gen.ListOf(pieces).Select(p => string.Join(" ", p));
        return Prop.ForAll(texts.ToArbitrary(), text =>
        {
            var parsed = GuardExpression.Parse(text, Schema);
            if (!parsed.Succeeded) return parsed.Error is { Length: > 0 } && parsed.Column >= 1 && parsed.Column <= text.Length + 1;
            // A parsed guard evaluates (to either value) without throwing, and deterministically.
            return parsed.Expression!.Evaluate(Facts()) == parsed.Expression.Evaluate(Facts());
        });
    }

    /// <summary>Comparison and logic agree with C#'s own on random facts.</summary>
    [Property(MaxTest = 300)]
    public Property Guards_agree_with_the_same_logic_written_in_csharp(int score, bool commercial, bool special, int pending)
    {
        var facts = new GuardFacts().Set("risk.score", score).Set("commercial", commercial).Set("special_category", special)
            .Set("votes.for", 1).Set("votes.pending", pending).Set("votes.quorum", 2);
        var guard = GuardExpression.Parse("(risk.score >= 5 and not commercial) or special_category and votes.for + votes.pending >= votes.quorum", Schema).Expression!;
        var expected = (score >= 5 && !commercial) || (special && 1 + pending >= 2);
        return (guard.Evaluate(facts) == expected).ToProperty();
    }
}
