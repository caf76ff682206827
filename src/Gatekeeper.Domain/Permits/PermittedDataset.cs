namespace Gatekeeper.Domain.Permits;

/// <summary>A dataset of a permit and exactly the variables approved from it (may be fewer than asked for).</summary>
public sealed record PermittedDataset
{
    public required string DatasetId { get; init; }

    public List<PermittedVariable> Variables { get; init; } = [];
}
