using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Export;

/// <summary>
/// The first line of an export or archive file: the public keys (key id → SubjectPublicKeyInfo, base64), the
/// anchor the first entry links to (with the checkpoint vouching for it, when there is one) and, when known,
/// the last sequence the file holds.
/// </summary>
public sealed record AuditExportHeader(ChainAnchor Anchor, IReadOnlyDictionary<string, string> PublicKeys)
{
    public const string Format = "gatekeeper-audit-export-v1";

    public long? LastSequence { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public string? Description { get; init; }
}
