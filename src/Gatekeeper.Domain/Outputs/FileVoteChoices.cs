namespace Gatekeeper.Domain.Outputs;

/// <summary>An output checker's vote on one file of a release request.</summary>
public static class FileVoteChoices
{
    public const string Approve = "approve";
    public const string RequestChanges = "request-changes";

    public static IReadOnlyList<string> All { get; } = [Approve, RequestChanges];
}
