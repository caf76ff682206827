namespace Gatekeeper.Audit.Chain;

/// <summary>How feeding one source (a file, the live table) into a verifier ended.</summary>
public enum FeedOutcome
{
    Completed,
    Broken,

    /// <summary>A checkpoint arrived after the entry it vouches for (a file written with checkpoints last); verify with the checkpoints gathered first.</summary>
    LateCheckpoints,
}
