namespace Gatekeeper.Data.Outputs;

/// <summary>
/// What left under a permit, kept for the differencing check of later outputs: one row per released file with its
/// published cells and their true unit counts (<see cref="ReleasedCellsDocument"/> as JSON). Never shown to anyone.
/// </summary>
public sealed class ReleasedOutputRow
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid PermitId { get; init; }

    public required Guid OutputId { get; init; }

    public required Guid RequestId { get; init; }

    public required DateTimeOffset ReleasedAt { get; init; }

    public required string CellsJson { get; init; }
}
