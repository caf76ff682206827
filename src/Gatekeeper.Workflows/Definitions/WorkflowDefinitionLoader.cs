using System.Security.Cryptography;
using System.Text;
using Gatekeeper.Domain.Common;
using Gatekeeper.Workflows.Guards;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gatekeeper.Workflows.Definitions;

/// <summary>
/// Reads and validates a workflow definition (YAML; the format is described in docs/workflows.md).
/// A definition is refused, with file, line and reason for every problem, when it names an unknown
/// state or role, has an unreachable state, no terminal state, a state that cannot end, or a guard
/// that does not parse or type-check.
/// </summary>
public static class WorkflowDefinitionLoader
{
    private static readonly string[] RootKeys = ["id", "subject", "title", "initial", "assigners", "deadline", "states"];
    private static readonly string[] StateKeys = ["title", "terminal", "outcome", "task", "transitions", "automatic", "timeout", "stop_clock"];
    private static readonly string[] TaskKeys = ["kind", "role", "assignees", "assign", "choices", "quorum", "sla", "remind_after", "escalate_to", "distinct_from", "instructions"];
    private static readonly string[] TransitionKeys = ["action", "to", "role", "when", "comment", "decision"];
    private static readonly string[] AutomaticKeys = ["to", "when"];
    private static readonly string[] DeadlineKeys = ["after", "extension", "max_extensions", "extend_role", "warn_before", "escalate_to"];

    /// <summary>Loads a file; throws <see cref="WorkflowDefinitionException"/> naming every problem.</summary>
    public static WorkflowDefinition Load(string path)
    {
        if (!File.Exists(path)) throw new WorkflowDefinitionException([new WorkflowDefinitionError(path, 0, "file not found")]);
        var bytes = File.ReadAllBytes(path);
        return Parse(Path.GetFileName(path), Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Parses a definition's text (a file, or a version stored with running instances).</summary>
    public static WorkflowDefinition Parse(string fileName, string source, string? sha256 = null)
    {
        var (definition, errors) = TryParse(fileName, source, sha256);
        return definition ?? throw new WorkflowDefinitionException(errors);
    }

    public static (WorkflowDefinition? Definition, IReadOnlyList<WorkflowDefinitionError> Errors) TryParse(string fileName, string source, string? sha256 = null)
    {
        var errors = new List<WorkflowDefinitionError>();
        var reader = new YamlMapReader(fileName, errors);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(source));
        }
        catch (YamlException ex)
        {
            reader.Error((int)ex.Start.Line, "not valid YAML: " + (ex.InnerException?.Message ?? ex.Message));
            return (null, errors);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner gives up without a position on some malformed input.
            reader.Error(0, "not valid YAML: " + ex.Message);
            return (null, errors);
        }

        if (stream.Documents.Count != 1)
        {
            reader.Error(0, "the file must hold exactly one YAML document");
            return (null, errors);
        }

        var definition = Read(reader, stream.Documents[0].RootNode, fileName, source,
            sha256 ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source))));
        if (definition is not null) Validate(reader, definition);
        return errors.Count == 0 ? (definition, []) : (null, errors);
    }

    private static WorkflowDefinition? Read(YamlMapReader r, YamlNode rootNode, string fileName, string source, string sha256)
    {
        var root = r.Map(rootNode, "the definition", RootKeys);
        if (root is null) return null;
        var id = r.Text(root, "id", "the definition", required: true);
        var subject = r.Text(root, "subject", "the definition", required: true);
        if (subject is not null && !WorkflowSubjects.All.Contains(subject))
        {
            r.Error(YamlMapReader.Child(root, "subject"), $"unknown subject '{subject}' (known: {string.Join(", ", WorkflowSubjects.All)})");
            subject = null;
        }

        var initial = r.Text(root, "initial", "the definition", required: true);
        var assigners = r.Texts(root, "assigners", "the definition");
        foreach (var (role, node) in assigners) CheckRole(r, node, role, allowSystem: false);

        var statesNode = YamlMapReader.Child(root, "states");
        if (statesNode is not YamlMappingNode statesMap || statesMap.Children.Count == 0)
        {
            r.Error(statesNode ?? root, "the definition needs 'states': a mapping of state names to states");
            return null;
        }

        subject ??= WorkflowSubjects.Application;
        var choices = statesMap.Children.Values.OfType<YamlMappingNode>()
            .Select(s => YamlMapReader.Child(s, "task") as YamlMappingNode)
            .SelectMany(t => ChoicesOf(t, subject))
            .Distinct().ToList();
        var schema = WorkflowSubjects.Schema(subject, choices);

        var states = new List<StateDefinition>();
        foreach (var (keyNode, stateNode) in statesMap.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!IsName(name))
            {
                r.Error(keyNode, $"state name '{name}' must be lower-case letters, digits and '_' or '-'");
                continue;
            }

            states.Add(ReadState(r, name, keyNode, stateNode, schema, subject));
        }

        var deadline = ReadDeadline(r, YamlMapReader.Child(root, "deadline"));
        if (id is null || initial is null) return null;
        return new WorkflowDefinition
        {
            Id = id, Sha256 = sha256, FileName = fileName, Source = source, Subject = subject,
            Title = r.Localised(root, "title", "the definition"), Initial = initial, States = states, Deadline = deadline,
            Assigners = assigners.Select(a => a.Value).ToList(), Schema = schema,
        };
    }

    private static StateDefinition ReadState(YamlMapReader r, string name, YamlNode key, YamlNode node, GuardSchema schema, string subject)
    {
        var what = $"state '{name}'";
        var map = r.Map(node, what, StateKeys);
        var transitions = new List<TransitionDefinition>();
        if (YamlMapReader.Child(map, "transitions") is { } tNode)
        {
            if (tNode is YamlSequenceNode seq)
                transitions.AddRange(seq.Children.Select(t => ReadTransition(r, t, what, schema, subject, automatic: false)).OfType<TransitionDefinition>());
            else r.Error(tNode, $"'transitions' of {what} must be a list");
        }

        var automatic = new List<TransitionDefinition>();
        if (YamlMapReader.Child(map, "automatic") is { } aNode)
        {
            if (aNode is YamlSequenceNode seq)
                automatic.AddRange(seq.Children.Select(t => ReadTransition(r, t, what, schema, subject, automatic: true)).OfType<TransitionDefinition>());
            else r.Error(aNode, $"'automatic' of {what} must be a list");
        }

        TimeoutDefinition? timeout = null;
        if (YamlMapReader.Child(map, "timeout") is { } toNode)
        {
            var t = r.Map(toNode, $"'timeout' of {what}", "after", "to");
            var after = r.Duration(t, "after", $"'timeout' of {what}", required: true);
            var to = r.Text(t, "to", $"'timeout' of {what}", required: true);
            if (after is not null && to is not null) timeout = new TimeoutDefinition(after, to, YamlMapReader.Line(toNode));
        }

        return new StateDefinition
        {
            Name = name,
            Line = YamlMapReader.Line(key),
            Title = r.Localised(map, "title", what),
            Terminal = r.Bool(map, "terminal", what),
            Outcome = r.Text(map, "outcome", what),
            Task = YamlMapReader.Child(map, "task") is { } task ? ReadTask(r, task, what, subject) : null,
            Transitions = transitions,
            Automatic = automatic,
            Timeout = timeout,
            StopClock = r.Bool(map, "stop_clock", what),
        };
    }

    private static TaskDefinition? ReadTask(YamlMapReader r, YamlNode node, string state, string subject)
    {
        var what = $"the task of {state}";
        var map = r.Map(node, what, TaskKeys);
        if (map is null) return null;
        var kindText = r.Text(map, "kind", what) ?? "action";
        TaskKind kind;
        switch (kindText)
        {
            case "action": kind = TaskKind.Action; break;
            case "vote": kind = TaskKind.Vote; break;
            default:
                r.Error(YamlMapReader.Child(map, "kind"), $"unknown task kind '{kindText}' in {what} (known: action, vote)");
                return null;
        }

        var role = r.Text(map, "role", what, required: true);
        if (role is not null) CheckRole(r, YamlMapReader.Child(map, "role")!, role, allowSystem: false);

        var assigneesText = r.Text(map, "assignees", what);
        var assignees = 1;
        if (assigneesText == "all") assignees = 0;
        else if (assigneesText is not null) assignees = r.Int(map, "assignees", what, 1, 50) ?? 1;

        var assignText = r.Text(map, "assign", what) ?? "least-loaded";
        var mode = assignText switch
        {
            "least-loaded" => AssignmentMode.LeastLoaded,
            "pool" => AssignmentMode.Pool,
            _ => (AssignmentMode?)null,
        };
        if (mode is null) r.Error(YamlMapReader.Child(map, "assign"), $"unknown assignment '{assignText}' in {what} (known: least-loaded, pool)");
        if (mode == AssignmentMode.Pool && assignees == 0) r.Error(YamlMapReader.Child(map, "assign"), $"{what}: 'assignees: all' needs 'assign: least-loaded'");

        var choices = kind == TaskKind.Vote ? ChoicesOf(map, subject).ToList() : [];
        if (kind == TaskKind.Action && YamlMapReader.Child(map, "choices") is { } c) r.Error(c, $"{what}: only a vote task has choices");

        QuorumDefinition? quorum = null;
        if (YamlMapReader.Child(map, "quorum") is { } qNode)
        {
            var q = r.Map(qNode, $"the quorum of {state}", "count", "of");
            var count = r.Int(q, "count", $"the quorum of {state}", 1, 50);
            var of = r.Texts(q, "of", $"the quorum of {state}");
            if (kind != TaskKind.Vote) r.Error(qNode, $"{what}: only a vote task has a quorum");
            foreach (var (choice, cNode) in of.Where(o => !choices.Contains(o.Value)))
                r.Error(cNode, $"quorum choice '{choice}' is not one of the task's choices ({string.Join(", ", choices)})");
            if (count is not null && assignees > 0 && count > assignees)
                r.Error(qNode, $"a quorum of {count} can never be reached with {assignees} assignee(s)");
            if (count is not null) quorum = new QuorumDefinition(count.Value, of.Count > 0 ? of.Select(o => o.Value).ToList() : choices.Take(1).ToList());
        }

        var escalate = r.Text(map, "escalate_to", what);
        if (escalate is not null) CheckRole(r, YamlMapReader.Child(map, "escalate_to")!, escalate, allowSystem: false);
        var reminders = r.Texts(map, "remind_after", what).Select(t => r.Duration(t.Node, t.Value, what)).OfType<IsoDuration>().ToList();

        return new TaskDefinition
        {
            Kind = kind,
            Role = role ?? "",
            Assignees = assignees,
            Assignment = mode ?? AssignmentMode.LeastLoaded,
            Choices = choices,
            Quorum = quorum,
            Sla = r.Duration(map, "sla", what),
            RemindAfter = reminders,
            EscalateTo = escalate,
            DistinctFrom = r.Texts(map, "distinct_from", what).Select(t => t.Value).ToList(),
            Instructions = r.Localised(map, "instructions", what),
            Line = YamlMapReader.Line(node),
        };
    }

    private static TransitionDefinition? ReadTransition(YamlMapReader r, YamlNode node, string state, GuardSchema schema, string subject, bool automatic)
    {
        var what = automatic ? $"an automatic transition of {state}" : $"a transition of {state}";
        var map = r.Map(node, what, automatic ? AutomaticKeys : TransitionKeys);
        if (map is null) return null;
        var action = automatic ? null : r.Text(map, "action", what, required: true);
        if (action is not null && !IsName(action)) r.Error(YamlMapReader.Child(map, "action"), $"action name '{action}' must be lower-case letters, digits and '_' or '-'");
        var to = r.Text(map, "to", what, required: true);
        var role = automatic ? null : r.Text(map, "role", what, required: true);
        if (role is not null) CheckRole(r, YamlMapReader.Child(map, "role")!, role, allowSystem: true);

        GuardExpression? guard = null;
        if (r.Text(map, "when", what) is { } when)
        {
            var parsed = GuardExpression.Parse(when, schema);
            if (parsed.Succeeded) guard = parsed.Expression;
            else r.Error(YamlMapReader.Child(map, "when"), $"bad guard expression '{when}' at column {parsed.Column}: {parsed.Error}");
        }

        var comment = r.Text(map, "comment", what);
        if (comment is not null and not ("required" or "optional"))
            r.Error(YamlMapReader.Child(map, "comment"), $"'comment' of {what} must be 'required' or 'optional', not '{comment}'");

        var decision = r.Text(map, "decision", what);
        if (decision is not null && !WorkflowSubjects.Decisions(subject).Contains(decision))
            r.Error(YamlMapReader.Child(map, "decision"), $"unknown decision '{decision}' for a {subject} (known: {string.Join(", ", WorkflowSubjects.Decisions(subject))})");

        return to is null ? null : new TransitionDefinition
        {
            Action = action, To = to, Role = role, Guard = guard, CommentRequired = comment == "required", Decision = decision,
            Line = YamlMapReader.Line(node),
        };
    }

    private static DeadlineDefinition? ReadDeadline(YamlMapReader r, YamlNode? node)
    {
        if (node is null) return null;
        const string what = "the deadline";
        var map = r.Map(node, what, DeadlineKeys);
        var after = r.Duration(map, "after", what, required: true);
        var extension = r.Duration(map, "extension", what);
        var max = r.Int(map, "max_extensions", what, 0, 10) ?? (extension is null ? 0 : 1);
        var extendRole = r.Text(map, "extend_role", what);
        if (extendRole is not null) CheckRole(r, YamlMapReader.Child(map, "extend_role")!, extendRole, allowSystem: false);
        if (extension is not null && extendRole is null) r.Error(node, "a deadline with an 'extension' needs 'extend_role'");
        var escalate = r.Text(map, "escalate_to", what);
        if (escalate is not null) CheckRole(r, YamlMapReader.Child(map, "escalate_to")!, escalate, allowSystem: false);
        var warn = r.Texts(map, "warn_before", what).Select(t => r.Duration(t.Node, t.Value, what)).OfType<IsoDuration>().ToList();
        return after is null ? null : new DeadlineDefinition
        {
            After = after, Extension = extension, MaxExtensions = extension is null ? 0 : max, ExtendRole = extendRole,
            WarnBefore = warn, EscalateTo = escalate, Line = YamlMapReader.Line(node),
        };
    }

    private static void Validate(YamlMapReader r, WorkflowDefinition d)
    {
        var names = d.States.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (!names.Contains(d.Initial)) r.Error(0, $"'initial' names unknown state '{d.Initial}'");

        foreach (var s in d.States)
        {
            foreach (var t in s.Transitions.Concat(s.Automatic))
            {
                if (!names.Contains(t.To)) r.Error(t.Line, $"transition of state '{s.Name}' goes to unknown state '{t.To}'");
                else if (t.To == s.Name) r.Error(t.Line, $"transition of state '{s.Name}' goes back to the same state; use a separate state");
            }

            if (s.Timeout is { } timeout && !names.Contains(timeout.To)) r.Error(timeout.Line, $"timeout of state '{s.Name}' goes to unknown state '{timeout.To}'");
            foreach (var dup in s.Transitions.GroupBy(t => t.Action).Where(g => g.Count() > 1))
                r.Error(dup.Last().Line, $"state '{s.Name}' has action '{dup.Key}' more than once");
            for (var i = 0; i < s.Automatic.Count - 1; i++)
            {
                if (s.Automatic[i].Guard is null) r.Error(s.Automatic[i + 1].Line, $"automatic transition of state '{s.Name}' can never be taken: an earlier one has no 'when'");
            }

            if (s.Terminal)
            {
                if (s.Task is not null || s.Transitions.Count > 0 || s.Automatic.Count > 0 || s.Timeout is not null)
                    r.Error(s.Line, $"terminal state '{s.Name}' cannot have a task, transitions or a timeout");
                continue;
            }

            if (s.Outcome is not null) r.Error(s.Line, $"state '{s.Name}' has an outcome but is not terminal");
            if (!s.Targets.Any()) r.Error(s.Line, $"state '{s.Name}' is not terminal but has no way out");
            if (s.Task is { Kind: TaskKind.Action } && !s.Transitions.Any(t => t.Role != WorkflowSubjects.SystemRole))
                r.Error(s.Task.Line, $"the action task of state '{s.Name}' needs at least one transition a person can fire");
            if (s.Task is { Kind: TaskKind.Vote } && s.Automatic.Count == 0)
                r.Error(s.Task.Line, $"the vote of state '{s.Name}' needs automatic transitions that read the tally (votes.*)");
            foreach (var other in s.Task?.DistinctFrom ?? [])
            {
                if (!names.Contains(other)) r.Error(s.Task!.Line, $"'distinct_from' of state '{s.Name}' names unknown state '{other}'");
            }
        }

        if (!d.States.Any(s => s.Terminal)) r.Error(0, "the definition has no terminal state (a state with 'terminal: true')");
        if (AutomaticCycle(d) is { } cycle)
            r.Error(d.State(cycle[0]).Line, $"automatic transitions form a loop ({string.Join(" → ", cycle)}); a person or a timer must act somewhere on it");
        if (!names.Contains(d.Initial)) return;

        var reachable = Reach(d.Initial, s => d.Find(s)?.Targets ?? []);
        foreach (var s in d.States.Where(s => !reachable.Contains(s.Name)))
            r.Error(s.Line, $"state '{s.Name}' is unreachable from the initial state '{d.Initial}'");

        var predecessors = d.States.SelectMany(s => s.Targets.Select(t => (From: s.Name, To: t))).ToLookup(e => e.To, e => e.From);
        var canEnd = new HashSet<string>(StringComparer.Ordinal);
        foreach (var terminal in d.States.Where(s => s.Terminal)) canEnd.UnionWith(Reach(terminal.Name, s => predecessors[s]));
        foreach (var s in d.States.Where(s => reachable.Contains(s.Name) && !canEnd.Contains(s.Name) && s.Targets.Any()))
            r.Error(s.Line, $"no terminal state can be reached from state '{s.Name}'");
    }

    /// <summary>A loop made of automatic transitions only (which could run forever), or null.</summary>
    private static List<string>? AutomaticCycle(WorkflowDefinition d)
    {
        var edges = d.States.ToDictionary(s => s.Name, s => s.Automatic.Select(t => t.To).Where(t => d.Find(t) is not null).ToList(), StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        List<string>? Visit(string state)
        {
            var index = path.IndexOf(state);
            if (index >= 0) return [.. path[index..], state];
            if (!done.Add(state)) return null;
            path.Add(state);
            foreach (var next in edges[state])
                if (Visit(next) is { } found) return found;
            path.RemoveAt(path.Count - 1);
            return null;
        }

        return d.States.Select(s => Visit(s.Name)).FirstOrDefault(c => c is not null);
    }

    private static HashSet<string> Reach(string start, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var s))
        {
            foreach (var t in next(s))
                if (seen.Add(t)) queue.Enqueue(t);
        }

        return seen;
    }

    private static IEnumerable<string> ChoicesOf(YamlMappingNode? task, string subject)
    {
        if (task is null || (YamlMapReader.Child(task, "kind") as YamlScalarNode)?.Value != "vote") return [];
        return YamlMapReader.Child(task, "choices") switch
        {
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(IsName),
            YamlScalarNode { Value: { } one } when IsName(one) => [one],
            _ => WorkflowSubjects.DefaultChoices(subject),
        };
    }

    private static void CheckRole(YamlMapReader r, YamlNode node, string role, bool allowSystem)
    {
        if (Roles.All.Contains(role) || (allowSystem && role == WorkflowSubjects.SystemRole)) return;
        r.Error(node, $"unknown role '{role}' (known: {string.Join(", ", allowSystem ? [.. Roles.All, WorkflowSubjects.SystemRole] : Roles.All)})");
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
