namespace Gatekeeper.Data.Privacy;

/// <summary>
/// A permit's privacy-budget account: the cap and the running total, as exact rationals in text
/// (<see cref="StoredRational"/>). The row every spend locks, so concurrent runs queue on it.
/// </summary>
public sealed class PrivacyAccountRow
{
    public required string PermitId { get; init; }

    /// <summary><c>ApproximateDp</c> or <c>ZeroConcentratedDp</c>.</summary>
    public required string Model { get; init; }

    public required string CapEpsilon { get; init; }

    public required string CapDelta { get; init; }

    public required string CapRho { get; init; }

    public required string SpentEpsilon { get; set; }

    public required string SpentDelta { get; set; }

    public required string SpentRho { get; set; }

    /// <summary>Spends so far; the next entry's sequence is this plus one.</summary>
    public long Entries { get; set; }

    public DateTimeOffset OpenedAt { get; init; }
}

/// <summary>One append-only line of the ledger: a spend, in order per permit.</summary>
public sealed class PrivacyLedgerEntryRow
{
    public required string PermitId { get; init; }

    public long Sequence { get; init; }

    /// <summary>The query's cache key (SHA-256 of the normalised query and its parameters).</summary>
    public required string QueryKey { get; init; }

    public required string CostEpsilon { get; init; }

    public required string CostDelta { get; init; }

    public required string CostRho { get; init; }

    public required string SpentEpsilonAfter { get; init; }

    public required string SpentDeltaAfter { get; init; }

    public required string SpentRhoAfter { get; init; }

    public required string Description { get; init; }

    public DateTimeOffset At { get; init; }
}

/// <summary>A paid query and, once released, its noisy answer (returned again at no cost; never replaced).</summary>
public sealed class PrivacyAnswerRow
{
    public required string PermitId { get; init; }

    public required string QueryKey { get; init; }

    public string? Answer { get; set; }

    public DateTimeOffset PaidAt { get; init; }
}
