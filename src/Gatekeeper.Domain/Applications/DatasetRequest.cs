namespace Gatekeeper.Domain.Applications;

/// <summary>A catalogue dataset asked for and the exact variables wanted from it.</summary>
public sealed record DatasetRequest
{
    public string DatasetId { get; init; } = "";

    public List<VariableRequest> Variables { get; init; } = [];
}
