namespace Gatekeeper.Workflows.Guards;

/// <summary>The variables guards may use for one kind of workflow subject.</summary>
public sealed class GuardSchema
{
    private readonly Dictionary<string, GuardVariable> _variables;

    public GuardSchema(IEnumerable<GuardVariable> variables) =>
        _variables = variables.ToDictionary(v => v.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<GuardVariable> Variables => _variables.Values;

    public GuardVariable? Find(string name) => _variables.GetValueOrDefault(name);

    public GuardSchema With(IEnumerable<GuardVariable> more) => new(_variables.Values.Concat(more).DistinctBy(v => v.Name));
}
