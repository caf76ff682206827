using Gatekeeper.Domain.Policies;
using Gatekeeper.Policies;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Guards;

namespace Gatekeeper.Workflows.Risk;

/// <summary>Reads <c>risk.yaml</c>; refuses unknown tiers, negative points and rules whose condition does not parse.</summary>
public static class RiskPolicyLoader
{
    public const string FileName = "risk.yaml";

    public static RiskPolicy Load(string path)
    {
        var (file, sha256) = YamlPolicyFile.Read<RiskPolicyFile>(path, "Risk policy");
        if (string.IsNullOrWhiteSpace(file.Version)) throw new PolicyLoadException($"{path}: 'version' is required.");
        if (file.HighRiskAt <= 0) throw new PolicyLoadException($"{path}: 'high_risk_at' must be a positive score.");
        foreach (var tier in file.Tier.Keys.Where(t => !WorkflowSubjects.TierCodes.Contains(t)))
            throw new PolicyLoadException($"{path}: unknown tier '{tier}' in 'tier' (known: {string.Join(", ", WorkflowSubjects.TierCodes)}).");
        foreach (var tier in WorkflowSubjects.TierCodes.Where(t => !file.Tier.ContainsKey(t)))
            throw new PolicyLoadException($"{path}: 'tier' must give points for '{tier}'.");
        var points = file.Tier.Values.Concat(file.SpecialCategories.Values).Concat(file.Purposes.Values)
            .Concat([file.SensitiveVariablePoints, file.SensitiveVariableMax, file.Linkage, file.CommercialPurpose, file.OtherSpecialCategory]);
        if (points.Any(p => p < 0)) throw new PolicyLoadException($"{path}: points cannot be negative.");

        var schema = new GuardSchema(WorkflowSubjects.ApplicationFacts);
        var rules = new List<RiskRule>();
        for (var i = 0; i < file.AlwaysHigh.Count; i++)
        {
            var rule = file.AlwaysHigh[i];
            var parsed = GuardExpression.Parse(rule.When ?? "", schema);
            if (!parsed.Succeeded)
                throw new PolicyLoadException($"{path}: always_high[{i}] has a bad condition '{rule.When}' at column {parsed.Column}: {parsed.Error}.");
            if (rule.Reason is null || string.IsNullOrWhiteSpace(rule.Reason.En) || string.IsNullOrWhiteSpace(rule.Reason.Ja))
                throw new PolicyLoadException($"{path}: always_high[{i}] needs a 'reason' in 'en' and 'ja'.");
            rules.Add(new RiskRule(string.IsNullOrWhiteSpace(rule.Code) ? $"rule-{i + 1}" : rule.Code, parsed.Expression!, new LocalisedText(rule.Reason.En, rule.Reason.Ja)));
        }

        return new RiskPolicy
        {
            Version = file.Version,
            Sha256 = sha256,
            HighRiskAt = file.HighRiskAt,
            TierPoints = file.Tier,
            SpecialCategoryPoints = file.SpecialCategories,
            OtherSpecialCategoryPoints = file.OtherSpecialCategory,
            SensitiveVariablePoints = file.SensitiveVariablePoints,
            SensitiveVariableMax = file.SensitiveVariableMax,
            LinkagePoints = file.Linkage,
            CommercialPurposePoints = file.CommercialPurpose,
            PurposePoints = file.Purposes,
            AlwaysHigh = rules,
        };
    }

    private sealed class RiskPolicyFile
    {
        public string? Version { get; set; }

        public int HighRiskAt { get; set; }

        public Dictionary<string, int> Tier { get; set; } = [];

        public Dictionary<string, int> SpecialCategories { get; set; } = [];

        public int OtherSpecialCategory { get; set; }

        public int SensitiveVariablePoints { get; set; }

        public int SensitiveVariableMax { get; set; }

        public int Linkage { get; set; }

        public int CommercialPurpose { get; set; }

        public Dictionary<string, int> Purposes { get; set; } = [];

        public List<RuleFile> AlwaysHigh { get; set; } = [];
    }

    private sealed class RuleFile
    {
        public string? Code { get; set; }

        public string? When { get; set; }

        public TextFile? Reason { get; set; }
    }

    private sealed class TextFile
    {
        public string? En { get; set; }

        public string? Ja { get; set; }
    }
}
