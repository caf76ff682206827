using Gatekeeper.Domain.Common;

namespace Gatekeeper.Domain.Reviews;

/// <summary>
/// A message in the thread between the review board and the researcher about one application (all
/// its versions): requests to revise, and the researcher's answers.
/// </summary>
public sealed class ReviewComment
{
    private ReviewComment()
    {
    }

    public Guid Id { get; private set; }

    public Guid LineageId { get; private set; }

    public Guid ApplicationId { get; private set; }

    public int ApplicationVersion { get; private set; }

    public string AuthorId { get; private set; } = "";

    public string AuthorName { get; private set; } = "";

    public CommentAuthor AuthorKind { get; private set; }

    /// <summary>A request the researcher is to answer in a new version (revise and resubmit, screening returns).</summary>
    public bool IsRevisionRequest { get; private set; }

    public string Body { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public static DomainResult<ReviewComment> Write(
        Actor author, CommentAuthor kind, Guid lineageId, Guid applicationId, int version, string? body, bool revisionRequest, DateTimeOffset now)
    {
        var text = body?.Trim() ?? "";
        if (text.Length == 0) return DomainResult<ReviewComment>.Fail([ValidationError.Create("body", "required", "Write a message.")]);
        if (text.Length > ReviewLimits.CommentBody)
            return DomainResult<ReviewComment>.Fail([ValidationError.Create("body", "max-length",
                $"A message may be at most {ReviewLimits.CommentBody} characters.", ("max", ReviewLimits.CommentBody))]);
        return new ReviewComment
        {
            Id = Guid.NewGuid(), LineageId = lineageId, ApplicationId = applicationId, ApplicationVersion = version,
            AuthorId = author.UserId, AuthorName = author.DisplayName, AuthorKind = kind, IsRevisionRequest = revisionRequest && kind == CommentAuthor.Board,
            Body = text, At = now,
        };
    }
}
