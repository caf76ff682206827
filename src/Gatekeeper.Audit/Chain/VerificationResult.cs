namespace Gatekeeper.Audit.Chain;

/// <summary>Outcome of verifying a chain: valid, or the first broken position and why.</summary>
public sealed record VerificationResult(bool IsValid, long EntriesChecked, int CheckpointsChecked, long? BrokenAt, string Message)
{
    /// <summary>The last entry checked (valid results), or null for an empty chain.</summary>
    public long? LastSequence { get; init; }

    /// <summary>The last entry a verified signed checkpoint vouches for; entries after it are linked but not yet signed.</summary>
    public long? LastSignedSequence { get; init; }

    /// <summary>Where the break is, when known: an archive file name or "live table".</summary>
    public string? Location { get; init; }

    /// <summary>Entries after the last signed checkpoint (hash-linked, but a rewrite of them would only be caught by the next checkpoint).</summary>
    public long UnsignedTail => LastSequence is { } last ? last - (LastSignedSequence ?? 0) : 0;

    public static VerificationResult Valid(long entries, int checkpoints, long? lastSequence, long? lastSignedSequence = null)
    {
        var tail = lastSequence is { } l ? l - (lastSignedSequence ?? 0) : 0;
        var unsigned = lastSequence is null || tail == 0
            ? ""
            : lastSignedSequence is { } s
                ? $" The {tail} entries after #{s} are linked but not yet covered by a signed checkpoint."
                : $" No signed checkpoint covers these entries yet.";
        return new(true, entries, checkpoints, null,
            $"Chain intact: {entries} entries{(lastSequence is { } seq ? $" up to #{seq}" : "")}, {checkpoints} signed checkpoints verified.{unsigned}")
        {
            LastSequence = lastSequence, LastSignedSequence = lastSignedSequence,
        };
    }

    public static VerificationResult Broken(long entries, int checkpoints, long position, string why) =>
        new(false, entries, checkpoints, position, $"Chain broken at entry #{position}: {why}");

    /// <summary>The same result with its location named (and the message saying it).</summary>
    public VerificationResult At(string location) =>
        IsValid ? this with { Location = location } : this with { Location = location, Message = $"{Message} (in {location})" };
}
