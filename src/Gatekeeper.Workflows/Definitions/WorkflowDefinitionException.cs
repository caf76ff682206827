namespace Gatekeeper.Workflows.Definitions;

/// <summary>One or more workflow definitions failed validation; the message lists every problem with file and line.</summary>
public sealed class WorkflowDefinitionException(IReadOnlyList<WorkflowDefinitionError> errors)
    : Exception("Invalid workflow definition:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<WorkflowDefinitionError> Errors { get; } = errors;
}
