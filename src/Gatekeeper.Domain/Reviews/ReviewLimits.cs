namespace Gatekeeper.Domain.Reviews;

/// <summary>Length and count limits of review texts.</summary>
public static class ReviewLimits
{
    public const int Note = 2000;
    public const int Comments = 4000;
    public const int Reason = 4000;
    public const int Condition = 1000;
    public const int Conditions = 30;
    public const int CommentBody = 4000;
}
