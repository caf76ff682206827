namespace Gatekeeper.Audit.Chain;

/// <summary>Outcome of verifying a chain: valid, or the first broken position and why.</summary>
public sealed record VerificationResult(bool IsValid, long EntriesChecked, int CheckpointsChecked, long? BrokenAt, string Message)
{
    public static VerificationResult Valid(long entries, int checkpoints, long? lastSequence) =>
        new(true, entries, checkpoints, null,
            $"Chain intact: {entries} entries{(lastSequence is { } s ? $" up to #{s}" : "")}, {checkpoints} signed checkpoints verified.");

    public static VerificationResult Broken(long entries, int checkpoints, long position, string why) =>
        new(false, entries, checkpoints, position, $"Chain broken at entry #{position}: {why}");
}
