namespace Gatekeeper.Data.Audit.Dashboard;

/// <summary>
/// One application's review: first submission to final decision (approved, with conditions, or rejected), against
/// the deadline (submission + the configured months). Open reviews have no decision; they are over the deadline
/// once it has passed.
/// </summary>
public sealed record ReviewLeadTime(
    string ApplicationReference,
    DateTimeOffset SubmittedAt,
    DateTimeOffset Deadline,
    DateTimeOffset? DecidedAt,
    string? Decision,
    TimeSpan? LeadTime,
    bool OverDeadline);
