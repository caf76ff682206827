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
    TimeSpan Duration);
