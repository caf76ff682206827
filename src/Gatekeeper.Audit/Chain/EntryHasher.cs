using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gatekeeper.Audit.Chain;

/// <summary>
/// SHA-256 of an entry over an unambiguous encoding: every field in a fixed order, each as a
/// 4-byte big-endian length and its UTF-8 bytes (null and empty differ), then the previous hash.
/// Any change to any field, to the order, or to the link changes the hash.
/// </summary>
public static class EntryHasher
{
    private const string Version = "gatekeeper-audit-v1";

    public static string Hash(long sequence, AuditRecord r, string previousHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(hash, Version);
        Field(hash, sequence.ToString(CultureInfo.InvariantCulture));
        Field(hash, r.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(hash, r.ActorId);
        Field(hash, r.ActorRole);
        Field(hash, r.OrganisationId);
        Field(hash, r.Action);
        Field(hash, r.SubjectType);
        Field(hash, r.SubjectIds.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var id in r.SubjectIds) Field(hash, id);
        Field(hash, r.Outcome.ToString());
        Field(hash, r.Reason);
        Field(hash, r.ClientAddress);
        Field(hash, previousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static ChainedEntry Link(long sequence, AuditRecord record, string previousHash) =>
        new(sequence, record, previousHash, Hash(sequence, record, previousHash));

    private static void Field(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
