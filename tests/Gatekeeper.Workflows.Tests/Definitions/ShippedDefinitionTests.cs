using Gatekeeper.Testing;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Letters;
using Gatekeeper.Workflows.Risk;

namespace Gatekeeper.Workflows.Tests.Definitions;

/// <summary>The definitions, risk policy and letter templates shipped in the repository load and say what the issue asks.</summary>
public sealed class ShippedDefinitionTests
{
    private static readonly WorkflowCatalog Catalog = WorkflowCatalog.LoadFolder(RepositoryPaths.Workflows);

    [Fact]
    public void Both_shipped_workflows_load_and_are_versioned_by_the_sha256_of_their_file()
    {
        Assert.Equal(["output-release", "secondary-use-review"], Catalog.Current.Select(d => d.Id).Order(StringComparer.Ordinal));
        var review = Catalog.Get("secondary-use-review");
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Workflows, "secondary-use-review.yaml"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), review.Sha256);
        Assert.Same(review, Catalog.FindVersion(review.Sha256));
    }

    [Fact]
    public void The_review_routes_by_risk_and_ends_in_the_four_decisions()
    {
        var d = Catalog.Get("secondary-use-review");

        Assert.Equal("screening", d.Initial);
        Assert.Equal(["approve", "approve_with_conditions", "revise", "reject", "refer_to_panel"], d.State("chair_decision").Transitions.Select(t => t.Action));
        Assert.Equal(["approve", "approve-with-conditions", "revise-and-resubmit", "reject", null], d.State("chair_decision").Transitions.Select(t => t.Decision));
        Assert.Equal("risk.level == 'high'", d.State("risk_routing").Automatic[0].Guard!.Source);
        Assert.Equal((3, 2), (d.State("panel_review").Task!.Assignees, d.State("panel_review").Task!.Quorum!.Count));
        Assert.Equal(1, d.State("single_review").Task!.Assignees);
        Assert.Equal(["single_review", "panel_review"], d.State("chair_decision").Task!.DistinctFrom);
        Assert.Equal("revise-and-resubmit", d.State("screening").FindAction("return")!.Decision);
    }

    [Fact]
    public void The_deadline_is_three_months_extendable_once_by_three_months()
    {
        var deadline = Catalog.Get("secondary-use-review").Deadline!;

        Assert.Equal("P3M", deadline.After.ToString());
        Assert.Equal("P3M", deadline.Extension!.ToString());
        Assert.Equal(1, deadline.MaxExtensions);
        Assert.Equal("elsi-chair", deadline.ExtendRole);
        var start = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 9, 0, 0, TimeSpan.Zero), deadline.After.AddTo(start));
    }

    [Fact]
    public void The_output_release_needs_two_independent_checkers_then_a_consolidating_decision()
    {
        var d = Catalog.Get("output-release");

        Assert.Equal(WorkflowSubjects.Output, d.Subject);
        Assert.Equal("output_review", d.Initial);
        var task = d.State("output_review").Task!;
        Assert.Equal(("output-checker", 2, 2), (task.Role, task.Assignees, task.Quorum!.Count));
        Assert.Equal(["approve", "request-changes"], task.Choices);
        var consolidation = d.State("reviewed");
        Assert.Equal(["approve", "return", "reject"], consolidation.Transitions.Select(t => t.Action));
        Assert.All(consolidation.Transitions, t => Assert.Equal("output-checker", t.Role));
        Assert.Equal("system", d.State("approved").FindAction("release")!.Role);
        Assert.Equal("output_review", d.State("returned").FindAction("resubmit")!.To);
        Assert.Equal(["released", "rejected", "withdrawn"], d.States.Where(s => s.Terminal).Select(s => s.Outcome));
    }

    [Fact]
    public void A_definition_renders_as_a_graph_of_its_states_and_guarded_transitions()
    {
        var dot = Catalog.Get("secondary-use-review").ToDotGraph();

        Assert.StartsWith("digraph", dot.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("chair_decision", dot, StringComparison.Ordinal);
        Assert.Contains("votes.quorum_met", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void The_risk_policy_loads_with_its_always_high_rules()
    {
        var policy = RiskPolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, RiskPolicyLoader.FileName));

        Assert.Equal(5, policy.HighRiskAt);
        Assert.Equal(["pseudonymised-tier", "special-category", "ai-training-microdata"], policy.AlwaysHigh.Select(r => r.Code));
        Assert.Equal(5, policy.SpecialCategoryPoints["genomic"]);
        Assert.Equal(64, policy.Sha256.Length);
    }

    [Fact]
    public void The_letter_templates_parse()
    {
        var renderer = new DecisionLetterRenderer(Path.Combine(RepositoryPaths.Policies, DecisionLetterRenderer.TemplateFolderName));

        Assert.Equal(["ja", "en"], DecisionLetterRenderer.Languages);
        Assert.NotNull(renderer);
    }
}
