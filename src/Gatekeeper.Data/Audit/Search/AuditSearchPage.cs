namespace Gatekeeper.Data.Audit.Search;

/// <summary>
/// One page of search results, newest first. <see cref="TotalCount"/> is exact unless
/// <see cref="TotalIsLowerBound"/> (more matches than the count limit: show "10,000+"); null when not counted
/// (<see cref="AuditSearchQuery.WithoutCount"/>, or a free-text filter): page on with <see cref="NextBeforeSequence"/>.
/// </summary>
public sealed record AuditSearchPage(
    IReadOnlyList<AuditEntryView> Items,
    int PageIndex,
    int PageSize,
    long? TotalCount,
    bool TotalIsLowerBound,
    long? NextBeforeSequence);
