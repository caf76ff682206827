using System.Text.Json;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Tests.Verdicts;

public sealed class VerdictJsonTests
{
    private static TableOutput Table() => new TableOutputBuilder(["sex", "arm"]).Measure("n", MeasureKind.Count).Measure("mean_hba1c", MeasureKind.Mean)
        .Add(["F", "A"], 12, 12, [new(12), new(6.5, DominanceStatistics.FromContributions(Enumerable.Repeat(6.5m, 12).ToArray()))])
        .Add(["F", KeyPart.Null], 3, 3, [new(3), new(null, DominanceStatistics.FromContributions([]), HasMissing: true)])
        .Add(["F", KeyPart.All], 15, 15, [new(15), new(6.4, DominanceStatistics.FromContributions(Enumerable.Repeat(6.4m, 15).ToArray()))])
        .Build();

    [Fact]
    public void Json_has_exactly_the_contract_fields_and_codes()
    {
        var policy = TestPolicies.Default;
        var verdict = TableChecker.Check(Table(), policy);
        using var doc = JsonDocument.Parse(VerdictJsonWriter.ToJson(verdict, options: new VerdictJsonOptions { IncludeReasons = false }));
        var root = doc.RootElement;
        Assert.Equal(["status", "policy", "cells", "messages"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("fail", root.GetProperty("status").GetString());
        Assert.Equal(policy.Sha256, root.GetProperty("policy").GetProperty("sha256").GetString());
        Assert.Equal("default", root.GetProperty("policy").GetProperty("id").GetString());
        var cells = root.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(3, cells.Count);
        Assert.Equal(["key", "measures", "units", "rows", "failed", "review"], cells[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, cells[1].GetProperty("key").GetProperty("arm").ValueKind);
        Assert.Equal("Total", cells[2].GetProperty("key").GetProperty("arm").GetString());
        Assert.Equal(JsonValueKind.Null, cells[1].GetProperty("measures").GetProperty("mean_hba1c").ValueKind);
        Assert.Equal(12, cells[0].GetProperty("measures").GetProperty("n").GetDouble());
        Assert.Equal(3, cells[1].GetProperty("units").GetInt32());
        Assert.Equal(["threshold"], cells[1].GetProperty("failed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["missing"], cells[1].GetProperty("review").EnumerateArray().Select(e => e.GetString()));
        Assert.NotEmpty(root.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public void Mitigated_json_blanks_suppressed_values_and_says_why()
    {
        var verdict = TableChecker.Check(Table(), TestPolicies.Default);
        var mitigated = TableMitigator.Mitigate(verdict, TablePolicy.Default);
        using var doc = JsonDocument.Parse(VerdictJsonWriter.ToJson(verdict, mitigated, new VerdictJsonOptions { IncludeShadowNumbers = true }));
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal("suppressed-primary", cells[1].GetProperty("treatment").GetString());
        Assert.Equal(JsonValueKind.Null, cells[1].GetProperty("measures").GetProperty("n").ValueKind);
        // The lone suppressed cell in its relation forces a complementary suppression.
        Assert.Contains(cells, c => c.GetProperty("treatment").GetString() == "suppressed-secondary");
        var reason = cells[1].GetProperty("reasons").EnumerateArray().First();
        Assert.Equal("threshold", reason.GetProperty("rule").GetString());
        Assert.Equal(3, reason.GetProperty("numbers").GetProperty("units").GetInt32());
        Assert.True(mitigated.IsProtected);
    }

    [Fact]
    public void Rule_codes_are_exactly_the_contract_codes()
    {
        Assert.Equal(["threshold", "zero", "p-ratio", "nk-dominance", "dof", "missing", "differencing"], RuleCodes.All);
        Assert.True(RuleCodes.TryParse("p-ratio", out var rule));
        Assert.Equal(RuleCode.PRatio, rule);
    }
}
