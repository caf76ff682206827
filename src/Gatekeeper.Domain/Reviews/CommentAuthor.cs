namespace Gatekeeper.Domain.Reviews;

/// <summary>Which side of the review wrote a comment.</summary>
public enum CommentAuthor
{
    /// <summary>Data steward, reviewer or chair.</summary>
    Board,

    /// <summary>The applicant or a team member.</summary>
    Researcher,
}
