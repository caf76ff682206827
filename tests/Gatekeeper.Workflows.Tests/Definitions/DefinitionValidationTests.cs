using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Tests.Support;
using static Gatekeeper.Workflows.Tests.Support.Definitions;

namespace Gatekeeper.Workflows.Tests.Definitions;

/// <summary>A definition that does not validate is refused at load, each problem with its file, line and reason.</summary>
public sealed class DefinitionValidationTests
{
    [Fact]
    public void The_minimal_definition_is_valid()
    {
        var d = Parse(Minimal);

        Assert.Equal("mini", d.Id);
        Assert.Equal(["screening", "review", "decision", "waiting", "approved", "rejected", "lapsed"], d.States.Select(s => s.Name));
        Assert.Equal(2, d.State("review").Task!.Quorum!.Count);
        Assert.Equal(64, d.Sha256.Length);
        Assert.True(d.State("waiting").StopClock);
    }

    [Fact]
    public void An_unknown_target_state_is_refused_with_the_line_of_the_transition()
    {
        var yaml = Edit(Minimal, "to: approved", "to: aproved");

        var errors = Errors(yaml);

        var error = Assert.Single(errors, e => e.Reason.Contains("unknown state 'aproved'", StringComparison.Ordinal));
        Assert.Equal("test.yaml", error.File);
        Assert.Equal(LineOf(yaml, "- action: approve"), error.Line);
        Assert.Equal("transition of state 'decision' goes to unknown state 'aproved'", error.Reason);
        Assert.Equal($"test.yaml:{error.Line}: {error.Reason}", error.ToString());
    }

    [Fact]
    public void An_unknown_initial_state_is_refused()
    {
        var errors = Errors(Edit(Minimal, "initial: screening", "initial: intake"));

        Assert.Contains(errors, e => e.Reason.Contains("'initial' names unknown state 'intake'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreachable_state_is_refused_with_its_line()
    {
        var yaml = Minimal + """

              orphan:
                terminal: true
            """;

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(LineOf(yaml, "orphan:"), error.Line);
        Assert.Equal("state 'orphan' is unreachable from the initial state 'screening'", error.Reason);
    }

    [Fact]
    public void A_definition_without_a_terminal_state_is_refused()
    {
        const string yaml = """
            id: loop
            subject: application
            initial: a
            states:
              a:
                task: { kind: action, role: data-steward }
                transitions:
                  - { action: next, to: b, role: data-steward }
              b:
                task: { kind: action, role: data-steward }
                transitions:
                  - { action: back, to: a, role: data-steward }
            """;

        var errors = Errors(yaml, "loop.yaml");

        Assert.Contains(errors, e => e is { File: "loop.yaml", Line: 0 } && e.Reason.Contains("no terminal state", StringComparison.Ordinal));
    }

    [Fact]
    public void A_state_from_which_no_end_can_be_reached_is_refused()
    {
        var yaml = Edit(Minimal, "to: waiting", "to: limbo") + """

              limbo:
                task: { kind: action, role: data-steward }
                transitions:
                  - { action: again, to: limbo2, role: data-steward }
              limbo2:
                task: { kind: action, role: data-steward }
                transitions:
                  - { action: again, to: limbo, role: data-steward }
            """;

        var errors = Errors(yaml);

        Assert.Contains(errors, e => e.Reason == "no terminal state can be reached from state 'limbo'" && e.Line == LineOf(yaml, "limbo:"));
        Assert.Contains(errors, e => e.Reason == "state 'waiting' is unreachable from the initial state 'screening'");
    }

    [Theory]
    [InlineData("votes.quorum_met or", "the expression ends too early")]
    [InlineData("votes.quorum_mett", "unknown name 'votes.quorum_mett'")]
    [InlineData("votes.for == 'two'", "cannot compare a number with a text")]
    [InlineData("votes.for", "not a condition")]
    [InlineData("risk.level == 'medium'", "'medium' is not a value of risk.level (one of: low, high)")]
    [InlineData("tier == 'pseudonymized-microdata'", "is not a value of tier")]
    [InlineData("votes.approve > 1 and", "ends too early")]
    [InlineData("System.IO.File.Delete('x')", "unknown name")]
    [InlineData("votes.for >= 2 ; drop", "unexpected character ';'")]
    public void A_bad_guard_expression_is_refused_with_the_line_and_the_parser_s_reason(string guard, string reason)
    {
        var yaml = Edit(Minimal, "when: votes.quorum_met\n", $"when: \"{guard}\"\n");

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(LineOf(yaml, $"when: \"{guard}\""), error.Line);
        Assert.StartsWith($"bad guard expression '{guard}' at column ", error.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_role_is_refused()
    {
        var yaml = Edit(Minimal, "role: elsi-chair, distinct_from", "role: chairman, distinct_from");

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(LineOf(yaml, "chairman"), error.Line);
        Assert.StartsWith("unknown role 'chairman'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_refused_rather_than_ignored()
    {
        var yaml = Edit(Minimal, "    stop_clock: true", "    stop_clocks: true");

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(LineOf(yaml, "stop_clocks"), error.Line);
        Assert.StartsWith("unknown key 'stop_clocks' in state 'waiting'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_is_refused_with_the_parser_s_line()
    {
        var yaml = Edit(Minimal, "      role: elsi-reviewer\n", "      role: \"elsi-reviewer\n");

        var error = Assert.Single(Errors(yaml));

        Assert.StartsWith("not valid YAML", error.Reason, StringComparison.Ordinal);
        Assert.InRange(error.Line, LineOf(yaml, "\"elsi-reviewer"), LineOf(yaml, "\"elsi-reviewer") + 30);
    }

    [Fact]
    public void A_state_named_twice_is_refused()
    {
        var yaml = Minimal + "\n  approved:\n    terminal: true\n";

        var error = Assert.Single(Errors(yaml));

        Assert.StartsWith("not valid YAML", error.Reason, StringComparison.Ordinal);
        Assert.Contains("approved", error.Reason, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void A_quorum_that_can_never_be_reached_is_refused()
    {
        var yaml = Edit(Minimal, "quorum: { count: 2, of: [approve] }", "quorum: { count: 3, of: [approve] }");

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(LineOf(yaml, "count: 3"), error.Line);
        Assert.Equal("a quorum of 3 can never be reached with 2 assignee(s)", error.Reason);
    }

    [Fact]
    public void A_quorum_choice_that_is_not_a_choice_is_refused()
    {
        var yaml = Edit(Minimal, "of: [approve]", "of: [approve-with-conditions]");

        Assert.Contains(Errors(yaml), e => e.Reason.StartsWith("quorum choice 'approve-with-conditions' is not one of the task's choices", StringComparison.Ordinal));
    }

    [Fact]
    public void Automatic_transitions_that_loop_are_refused()
    {
        const string yaml = """
            id: spin
            subject: application
            initial: a
            states:
              a:
                automatic:
                  - { to: b, when: votes.cast == 0 }
                  - { to: done }
              b:
                automatic:
                  - { to: a }
              done:
                terminal: true
            """;

        Assert.Contains(Errors(yaml), e => e.Reason.StartsWith("automatic transitions form a loop (a → b → a)", StringComparison.Ordinal));
    }

    [Fact]
    public void An_automatic_transition_after_an_unguarded_one_is_refused()
    {
        var yaml = Edit(Minimal, "      - to: decision\n        when: votes.quorum_met or votes.for + votes.pending < votes.quorum",
            "      - to: decision\n      - to: approved");

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(LineOf(yaml, "- to: approved"), error.Line);
        Assert.Contains("can never be taken", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminal_state_with_transitions_and_a_dead_end_are_refused()
    {
        var yaml = Edit(Minimal, "  lapsed:\n    terminal: true", "  lapsed:\n    terminal: true\n    transitions:\n      - { action: reopen, to: screening, role: admin }")
                   + "\n  stuck:\n    task: { kind: action, role: admin }\n";
        yaml = Edit(yaml, "role: data-steward\n        comment: required", "role: data-steward\n        comment: required\n      - { action: park, to: stuck, role: data-steward }");

        var errors = Errors(yaml);

        Assert.Contains(errors, e => e.Reason == "terminal state 'lapsed' cannot have a task, transitions or a timeout");
        Assert.Contains(errors, e => e.Reason == "state 'stuck' is not terminal but has no way out");
    }

    [Fact]
    public void Bad_durations_decisions_and_subjects_are_each_refused()
    {
        var yaml = Edit(Minimal, "after: P6M", "after: six months");
        yaml = Edit(yaml, "comment: required\n      - action: reject", "comment: required\n        decision: maybe\n      - action: reject");
        yaml = Edit(yaml, "subject: application", "subject: patient");

        var errors = Errors(yaml);

        Assert.Contains(errors, e => e.Reason.Contains("'six months' in 'timeout' of state 'waiting' is not an ISO 8601 duration", StringComparison.Ordinal)
                                     && e.Line == LineOf(yaml, "six months"));
        Assert.Contains(errors, e => e.Reason.StartsWith("unknown decision 'maybe' for a application", StringComparison.Ordinal) && e.Line == LineOf(yaml, "decision: maybe"));
        Assert.Contains(errors, e => e.Reason.StartsWith("unknown subject 'patient'", StringComparison.Ordinal) && e.Line == LineOf(yaml, "subject: patient"));
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var yaml = Edit(Edit(Minimal, "to: approved", "to: nowhere"), "role: data-steward, sla", "role: steward, sla");

        var errors = Errors(yaml);

        Assert.Contains(errors, e => e.Reason.StartsWith("unknown role 'steward'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Reason.Contains("unknown state 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Reason == "state 'approved' is unreachable from the initial state 'screening'");
        Assert.All(errors, e => Assert.True(e.Line > 0));
    }

    [Fact]
    public void The_catalog_refuses_a_folder_with_an_invalid_file_naming_it()
    {
        var folder = Directory.CreateTempSubdirectory("gk-workflows-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "good.yaml"), Minimal);
            File.WriteAllText(Path.Combine(folder, "bad.yaml"), Edit(Minimal, "id: mini", "id: other").Replace("to: approved", "to: nowhere", StringComparison.Ordinal));

            var ex = Assert.Throws<WorkflowDefinitionException>(() => WorkflowCatalog.LoadFolder(folder));

            Assert.NotEmpty(ex.Errors);
            Assert.All(ex.Errors, e => Assert.Equal("bad.yaml", e.File));
            Assert.Contains(ex.Errors, e => e.Reason == "transition of state 'decision' goes to unknown state 'nowhere'");
            Assert.Contains($"bad.yaml:{ex.Errors[0].Line}: ", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Typos_in_the_shipped_review_are_refused_as_docs_workflows_md_shows()
    {
        var shipped = File.ReadAllText(Path.Combine(Gatekeeper.Testing.RepositoryPaths.Workflows, "secondary-use-review.yaml"));
        var yaml = Edit(Edit(shipped, "        to: approved\n", "        to: aproved\n"),
            "when: votes.quorum_met or votes.for + votes.pending < votes.quorum", "when: votes.quorum_met or");

        var errors = Errors(yaml, "secondary-use-review.yaml").Select(e => e.ToString()).ToList();

        Assert.Equal(
        [
            $"secondary-use-review.yaml:{LineOf(yaml, "when: votes.quorum_met or")}: bad guard expression 'votes.quorum_met or' at column 20: the expression ends too early",
            $"secondary-use-review.yaml:{LineOf(yaml, "to: aproved") - 1}: transition of state 'chair_decision' goes to unknown state 'aproved'",
            $"secondary-use-review.yaml:{LineOf(yaml, "  approved:")}: state 'approved' is unreachable from the initial state 'screening'",
        ], errors);
    }

    [Fact]
    public void Two_files_with_the_same_id_are_refused()
    {
        var a = Parse(Minimal, "a.yaml");
        var b = Parse(Minimal.Replace("outcome: approved", "outcome: ok", StringComparison.Ordinal), "b.yaml");

        var ex = Assert.Throws<WorkflowDefinitionException>(() => new WorkflowCatalog([a, b]));

        Assert.Contains("workflow id 'mini' is also defined in a.yaml", ex.Errors[0].Reason, StringComparison.Ordinal);
    }
}
