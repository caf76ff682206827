namespace Gatekeeper.Domain.Applications;

/// <summary>One variable asked for, with why it is needed (data minimisation).</summary>
public sealed record VariableRequest
{
    public string Table { get; init; } = "";

    public string Name { get; init; } = "";

    public string Justification { get; init; } = "";
}
