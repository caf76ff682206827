namespace Gatekeeper.Audit.Chain;

/// <summary>An audit record at its place in the chain: position, the previous entry's hash and its own.</summary>
public sealed record ChainedEntry(long Sequence, AuditRecord Record, string PreviousHash, string Hash)
{
    /// <summary>Previous hash of the first entry of a chain.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
}
