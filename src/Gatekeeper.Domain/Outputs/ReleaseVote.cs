namespace Gatekeeper.Domain.Outputs;

/// <summary>
/// An output checker's vote on one file in one review round. Drafted file by file and submitted together as the
/// checker's review; until both reviews of the round are submitted, neither checker sees the other's votes.
/// </summary>
public sealed class ReleaseVote
{
    public const int MaxCommentLength = 2000;

    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid RequestId { get; init; }

    public required Guid FileId { get; init; }

    public required int Round { get; init; }

    public required string CheckerId { get; init; }

    public required string CheckerName { get; init; }

    /// <summary>One of <see cref="FileVoteChoices"/>.</summary>
    public string Choice { get; set; } = FileVoteChoices.Approve;

    public string? Comment { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>When the checker submitted the review this vote belongs to (null while a draft).</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
}
