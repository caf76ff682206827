namespace Gatekeeper.Data.Workflows;

/// <summary>A page request of the review queue: scope, filters, sort and page (1-based; at most 100 rows).</summary>
public sealed record ReviewQueueQuery
{
    public const int MaxPageSize = 100;

    public ReviewQueueScope Scope { get; init; } = ReviewQueueScope.Mine;

    /// <summary>Only tasks of these workflow states (null or empty: all).</summary>
    public IReadOnlyList<string>? States { get; init; }

    /// <summary><c>low</c> or <c>high</c> (null: both).</summary>
    public string? RiskLevel { get; init; }

    /// <summary>Only reviews whose decision deadline is before this moment.</summary>
    public DateTimeOffset? DeadlineBefore { get; init; }

    /// <summary>Only tasks past their due date.</summary>
    public bool OverdueOnly { get; init; }

    public bool UnassignedOnly { get; init; }

    public string? DefinitionId { get; init; }

    /// <summary>Part of the reference or title.</summary>
    public string? Search { get; init; }

    public ReviewQueueSort Sort { get; init; } = ReviewQueueSort.Deadline;

    public bool Descending { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 25;
}
