namespace Gatekeeper.Workflows.Runtime;

/// <summary>The text of every definition version an instance has started on, so a pinned version survives edits of the file.</summary>
public sealed class StoredWorkflowDefinition
{
    public required string Sha256 { get; set; }

    public required string DefinitionId { get; set; }

    public required string FileName { get; set; }

    public required string Source { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}
