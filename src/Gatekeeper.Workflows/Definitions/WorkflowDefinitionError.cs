namespace Gatekeeper.Workflows.Definitions;

/// <summary>Why a workflow definition was refused: the file, the line (1-based; 0 when the whole file) and the reason.</summary>
public sealed record WorkflowDefinitionError(string File, int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Reason}" : $"{File}: {Reason}";
}
