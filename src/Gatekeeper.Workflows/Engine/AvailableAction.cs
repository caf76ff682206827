namespace Gatekeeper.Workflows.Engine;

/// <summary>
/// Something a person can do on an open task now: an action, a vote choice, or claiming the task.
/// <see cref="BlockedBy"/> says why an action of their role is not possible yet (an unmet guard, such as the quorum).
/// </summary>
public sealed record AvailableAction(Guid TaskId, string Kind, string Name, bool CommentRequired, string? Decision, string? BlockedBy)
{
    public const string ActionKind = "action";
    public const string VoteKind = "vote";
    public const string ClaimKind = "claim";
}
