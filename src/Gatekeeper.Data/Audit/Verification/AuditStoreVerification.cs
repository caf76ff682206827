using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Data.Audit.Verification;

/// <summary>Result of verifying the store's chain, with what was covered.</summary>
public sealed record AuditStoreVerification(
    VerificationResult Result,
    AuditVerificationScope Scope,
    int ArchiveFiles,
    long ArchivedEntries,
    long LiveEntries,
    IReadOnlyList<string> KeyIds,
    DateTimeOffset VerifiedAt,
    TimeSpan Duration)
{
    /// <summary>Entries committed but not yet linked into the chain when the verification ended (not checked, not an error).</summary>
    public int PendingEntries { get; init; }
}
