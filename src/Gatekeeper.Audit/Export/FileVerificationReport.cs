using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Export;

/// <summary>
/// Result of verifying export or archive files. <see cref="UsedEmbeddedKeys"/> says the checkpoints were checked
/// against the keys the files carry themselves, which proves integrity only against accidents: pin the
/// gatekeeper's published key to rule out a forger who re-signed the files.
/// </summary>
public sealed record FileVerificationReport(VerificationResult Result, bool UsedEmbeddedKeys, IReadOnlyList<string> KeyIds, int Files);
