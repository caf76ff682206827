using Gatekeeper.Domain.Reviews;
using Gatekeeper.Workflows.Guards;

namespace Gatekeeper.Workflows.Risk;

/// <summary>Scores an application's facts under the risk policy and adds <c>risk.score</c> and <c>risk.level</c> to them.</summary>
public static class RiskScorer
{
    public static RiskAssessment Assess(RiskPolicy policy, GuardFacts facts)
    {
        var contributions = new List<RiskContribution>();

        void Add(string factor, int points, string detail)
        {
            if (points > 0) contributions.Add(new RiskContribution(factor, points, detail));
        }

        var tier = facts.GetText("tier");
        Add("tier", policy.TierPoints.GetValueOrDefault(tier), tier);
        foreach (var category in ((string[])facts.Get("special_categories", GuardType.TextList)).Distinct().Order(StringComparer.Ordinal))
            Add("special-category", policy.SpecialCategoryPoints.TryGetValue(category, out var p) ? p : policy.OtherSpecialCategoryPoints, category);
        var sensitive = (int)facts.GetNumber("sensitive_variables");
        Add("sensitive-variables", Math.Min(sensitive * policy.SensitiveVariablePoints, policy.SensitiveVariableMax), $"{sensitive} variable(s)");
        if (facts.GetBoolean("linkage")) Add("linkage", policy.LinkagePoints, $"{facts.GetNumber("datasets")} datasets");
        if (facts.GetBoolean("commercial")) Add("commercial-purpose", policy.CommercialPurposePoints, facts.GetText("purpose"));
        Add("purpose", policy.PurposePoints.GetValueOrDefault(facts.GetText("purpose")), facts.GetText("purpose"));

        var score = contributions.Sum(c => c.Points);
        var rules = policy.AlwaysHigh.Where(r => r.When.Evaluate(facts)).Select(r => r.Code).ToList();
        var level = score >= policy.HighRiskAt || rules.Count > 0 ? RiskAssessment.High : RiskAssessment.Low;
        return new RiskAssessment(score, level, contributions, rules, policy.Sha256);
    }

    /// <summary>The facts with the assessment's <c>risk.score</c> and <c>risk.level</c> added.</summary>
    public static GuardFacts WithRisk(GuardFacts facts, RiskAssessment risk) =>
        facts.Merge(new GuardFacts().Set("risk.score", risk.Score).Set("risk.level", risk.Level));
}
