using Gatekeeper.Audit;

namespace Gatekeeper.Data.Audit.Search;

/// <summary>
/// Filters and page of the console's log search; every filter is optional and they combine with AND. Newest
/// entries first. Page either by index (<see cref="PageIndex"/>) or, cheaper on deep pages, by keyset
/// (<see cref="BeforeSequence"/> = the previous page's <see cref="AuditSearchPage.NextBeforeSequence"/>).
/// </summary>
public sealed record AuditSearchQuery
{
    /// <summary>Inclusive.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive.</summary>
    public DateTimeOffset? To { get; init; }

    public string? ActorId { get; init; }

    public string? Role { get; init; }

    public string? OrganisationId { get; init; }

    /// <summary>An action code, or a prefix ending in '.' (e.g. <c>run.</c>) for a family of actions.</summary>
    public string? Action { get; init; }

    /// <summary>Any subject id of the entry (application, reference, permit, run, output, release, user …).</summary>
    public string? SubjectId { get; init; }

    public AuditOutcome? Outcome { get; init; }

    /// <summary>Case-insensitive text within the reason.</summary>
    public string? Text { get; init; }

    public int PageIndex { get; init; }

    public int PageSize { get; init; } = 50;

    /// <summary>Keyset paging: only entries before this sequence (then <see cref="PageIndex"/> is ignored).</summary>
    public long? BeforeSequence { get; init; }

    /// <summary>Skip counting the matches (a page only).</summary>
    public bool WithoutCount { get; init; }
}
