using Gatekeeper.Workflows.Definitions;

namespace Gatekeeper.Workflows.Tests.Support;

/// <summary>Small definitions written in tests, and helpers to load them.</summary>
public static class Definitions
{
    /// <summary>A minimal valid application workflow: screening, a vote of two with quorum two, a chair decision.</summary>
    public const string Minimal = """
        id: mini
        subject: application
        initial: screening
        assigners: [elsi-chair]
        deadline:
          after: P3M
          extension: P3M
          extend_role: elsi-chair
          warn_before: [P14D]
          escalate_to: elsi-chair
        states:
          screening:
            task: { kind: action, role: data-steward, sla: P10D, remind_after: [P7D], escalate_to: elsi-chair }
            transitions:
              - action: accept
                to: review
                role: data-steward
              - action: return
                to: waiting
                role: data-steward
                comment: required
          review:
            task:
              kind: vote
              role: elsi-reviewer
              assignees: 2
              choices: [approve, reject]
              quorum: { count: 2, of: [approve] }
            automatic:
              - to: decision
                when: votes.quorum_met or votes.for + votes.pending < votes.quorum
          decision:
            task: { kind: action, role: elsi-chair, distinct_from: [review] }
            transitions:
              - action: approve
                to: approved
                role: elsi-chair
                when: votes.quorum_met
                comment: required
              - action: reject
                to: rejected
                role: elsi-chair
                comment: required
          waiting:
            stop_clock: true
            transitions:
              - action: resubmitted
                to: rejected
                role: system
            timeout: { after: P6M, to: lapsed }
          approved:
            terminal: true
            outcome: approved
          rejected:
            terminal: true
          lapsed:
            terminal: true
        """;

    public static WorkflowDefinition Parse(string yaml, string file = "test.yaml") => WorkflowDefinitionLoader.Parse(file, yaml);

    public static IReadOnlyList<WorkflowDefinitionError> Errors(string yaml, string file = "test.yaml") =>
        WorkflowDefinitionLoader.TryParse(file, yaml).Errors;

    /// <summary>The 1-based line of the first line of <paramref name="yaml"/> containing <paramref name="text"/>.</summary>
    public static int LineOf(string yaml, string text)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal)) return i + 1;
        }

        throw new ArgumentException($"'{text}' is not in the definition.", nameof(text));
    }

    /// <summary>Replaces exactly one occurrence (fails the test otherwise, so a broken edit is not silently a no-op).</summary>
    public static string Edit(string yaml, string from, string to)
    {
        var index = yaml.IndexOf(from, StringComparison.Ordinal);
        Assert.True(index >= 0 && yaml.IndexOf(from, index + 1, StringComparison.Ordinal) < 0, $"'{from}' must occur exactly once in the definition.");
        return yaml[..index] + to + yaml[(index + from.Length)..];
    }
}
