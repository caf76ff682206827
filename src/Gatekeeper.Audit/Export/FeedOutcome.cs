namespace Gatekeeper.Audit.Export;

/// <summary>How feeding one file into a verifier ended.</summary>
public enum FeedOutcome
{
    Completed,
    Broken,

    /// <summary>The file has checkpoints after the entries they vouch for; verify it with its checkpoints gathered first.</summary>
    LateCheckpoints,
}
