using System.Collections.Concurrent;

namespace Gatekeeper.Workflows.Definitions;

/// <summary>
/// The workflow definitions of the <c>workflows/</c> folder (the current version of each) and every
/// older version a running instance is pinned to (parsed from the text stored with it).
/// </summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<string, WorkflowDefinition> _current;
    private readonly ConcurrentDictionary<string, WorkflowDefinition> _versions = new(StringComparer.Ordinal);

    public WorkflowCatalog(IEnumerable<WorkflowDefinition> definitions)
    {
        var list = definitions.ToList();
        var duplicate = list.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new WorkflowDefinitionException([new WorkflowDefinitionError(duplicate.Last().FileName, 0,
                $"workflow id '{duplicate.Key}' is also defined in {duplicate.First().FileName}")]);
        _current = list.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var d in list) _versions[d.Sha256] = d;
    }

    /// <summary>Loads every <c>*.yaml</c> file of <paramref name="folder"/>; any invalid file refuses the whole set, listing all problems.</summary>
    public static WorkflowCatalog LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new WorkflowDefinitionException([new WorkflowDefinitionError(folder, 0, "workflow folder not found")]);
        var definitions = new List<WorkflowDefinition>();
        var errors = new List<WorkflowDefinitionError>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                definitions.Add(WorkflowDefinitionLoader.Load(file));
            }
            catch (WorkflowDefinitionException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        if (errors.Count > 0) throw new WorkflowDefinitionException(errors);
        return new WorkflowCatalog(definitions);
    }

    public IReadOnlyCollection<WorkflowDefinition> Current => _current.Values;

    /// <summary>The current version of a workflow (what new instances start on).</summary>
    public WorkflowDefinition Get(string id) =>
        _current.GetValueOrDefault(id) ?? throw new InvalidOperationException($"No workflow '{id}' is loaded (known: {string.Join(", ", _current.Keys)}).");

    public WorkflowDefinition? FindVersion(string sha256) => _versions.GetValueOrDefault(sha256);

    /// <summary>Parses (once) a stored older version an instance is pinned to.</summary>
    public WorkflowDefinition AddVersion(string fileName, string sha256, string source) =>
        _versions.GetOrAdd(sha256, _ => WorkflowDefinitionLoader.Parse(fileName, source, sha256));
}
