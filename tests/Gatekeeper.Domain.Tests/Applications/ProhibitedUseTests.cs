using System.Text;
using Gatekeeper.Domain.Tests.Support;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>
/// Uses the policy never permits are refused at submission when the purpose texts name them, in
/// English or Japanese, whatever the case or character width (NFKC), and the applicant must declare
/// the data will not be used for them.
/// </summary>
public sealed class ProhibitedUseTests
{
    public static TheoryData<string, string> EveryPhrase() =>
        TheoryRows.Of(World.Policy.ProhibitedUses.SelectMany(u => u.Phrases.Select(p => (u.Code, p))));

    public static TheoryData<string, string> EveryLatinPhrase() =>
        TheoryRows.Of(World.Policy.ProhibitedUses.SelectMany(u => u.Phrases.Where(p => p.All(char.IsAscii)).Select(p => (u.Code, p))));

    public static TheoryData<string> ScreenedFields() => new("title", "laySummary", "scientificAbstract", "purposeDescription");

    [Fact]
    public void The_shipped_policy_lists_the_five_prohibited_uses_with_English_and_Japanese_phrases()
    {
        Assert.Equal(
            ["detrimental-decisions", "insurance-pricing", "marketing-to-individuals", "re-identification", "harmful-products"],
            World.Policy.ProhibitedUses.Select(u => u.Code));
        Assert.All(World.Policy.ProhibitedUses, u =>
        {
            Assert.Contains(u.Phrases, p => p.All(char.IsAscii));
            Assert.Contains(u.Phrases, p => !p.All(char.IsAscii));
        });
    }

    [Theory]
    [MemberData(nameof(EveryPhrase))]
    public void A_purpose_naming_a_prohibited_use_is_refused(string useCode, string phrase)
    {
        var content = Drafts.Complete() with { PurposeDescription = $"The results will support {phrase} in member companies." };

        var error = ExpectErrors.Has(Drafts.CheckSubmission(content), "purposeDescription", "prohibited-use");

        Assert.Equal(useCode, error.Args["use"]);
        Assert.Contains(error.Args["phrase"], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ScreenedFields))]
    public void Every_purpose_text_is_screened(string field)
    {
        var content = ContentFields.Named(field).Set(Drafts.Complete(), "Linking records to re-identify participants");

        var error = ExpectErrors.Has(Drafts.CheckSubmission(content), field, "prohibited-use");
        Assert.Equal("re-identification", error.Args["use"]);
    }

    [Theory]
    [MemberData(nameof(EveryLatinPhrase))]
    public void Phrases_are_matched_whatever_their_case(string useCode, string phrase)
    {
        var content = Drafts.Complete() with { PurposeDescription = $"For {phrase.ToUpperInvariant()} ONLY" };

        Assert.Equal(useCode, ExpectErrors.Has(Drafts.CheckSubmission(content), "purposeDescription", "prohibited-use").Args["use"]);
    }

    [Theory]
    [MemberData(nameof(EveryLatinPhrase))]
    public void Phrases_written_in_full_width_letters_are_matched(string useCode, string phrase)
    {
        var content = Drafts.Complete() with { PurposeDescription = $"目的：{FullWidth(phrase)}のため" };

        Assert.Equal(useCode, ExpectErrors.Has(Drafts.CheckSubmission(content), "purposeDescription", "prohibited-use").Args["use"]);
    }

    [Theory]
    [InlineData("ﾀｰｹﾞﾃｨﾝｸﾞ広告に活用する", "marketing-to-individuals")]
    [InlineData("会員への ﾀﾞｲﾚｸﾄﾏｰｹﾃｨﾝｸﾞ", "marketing-to-individuals")]
    [InlineData("加入者の保険料の設定に使う", "insurance-pricing")]
    [InlineData("保険料率の見直し", "insurance-pricing")]
    [InlineData("従業員の採用選考の参考にする", "detrimental-decisions")]
    [InlineData("匿名データから本人を特定する手法の検証", "re-identification")]
    [InlineData("生物兵器の研究", "harmful-products")]
    [InlineData("ＵＮＤＥＲＷＲＩＴＩＮＧ　ｍｏｄｅｌｓ", "insurance-pricing")]
    [InlineData("ｒｅ－ｉｄｅｎｔｉｆｉｃａｔｉｏｎ risk", "re-identification")]
    public void Japanese_purposes_and_half_width_or_full_width_variants_are_refused(string text, string useCode)
    {
        var content = Drafts.Complete() with { PurposeDescription = text };

        Assert.Equal(useCode, ExpectErrors.Has(Drafts.CheckSubmission(content), "purposeDescription", "prohibited-use").Args["use"]);
    }

    [Theory]
    [InlineData("Analysis of health insurance claims (レセプト) to plan prevention policy.")]
    [InlineData("保健指導の効果を集計統計で評価し、公衆衛生政策に活かす。")]
    [InlineData("Identify which interventions lower HbA1c at population level.")]
    public void Legitimate_purposes_are_not_mistaken_for_prohibited_uses(string text)
    {
        ExpectErrors.None(Drafts.CheckSubmission(Drafts.Complete() with { PurposeDescription = text }));
    }

    [Fact]
    public void Safeguards_may_name_what_they_prevent()
    {
        var content = Drafts.Complete() with { Safeguards = "No attempt at re-identification; no linkage to insurance pricing data." };

        ExpectErrors.None(Drafts.CheckSubmission(content));
    }

    [Fact]
    public void The_declaration_that_no_prohibited_use_is_intended_is_required()
    {
        ExpectErrors.HasOnly(Drafts.CheckSubmission(Drafts.Complete() with { ProhibitedUsesDeclined = false }), "prohibitedUsesDeclined", "declaration-required");
    }

    private static string FullWidth(string ascii)
    {
        var sb = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
            sb.Append(c == ' ' ? '\u3000' : c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c);
        return sb.ToString();
    }
}
