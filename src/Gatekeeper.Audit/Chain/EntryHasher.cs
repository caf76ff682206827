using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gatekeeper.Audit.Chain;

/// <summary>
/// SHA-256 of an entry over an unambiguous encoding: every field in a fixed order, each as a
/// 4-byte big-endian length and its UTF-8 bytes (null and empty differ), then the previous hash.
/// Details, when present, follow the client address as a marker field, their count and the
/// key/value pairs in ordinal key order; an entry without details encodes exactly as before details
/// existed (the marker keeps the two forms distinct). Any change to any field, to the order, or to
/// the link changes the hash.
/// </summary>
public static class EntryHasher
{
    private const string Version = "gatekeeper-audit-v1";
    private const string DetailsMarker = "details";

    public static string Hash(long sequence, AuditRecord r, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(r);
        Span<byte> digest = stackalloc byte[32];
        Compute(sequence, r, previousHash, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>
    /// True when <paramref name="expectedHash"/> is exactly (ordinal, lower-case hex) the hash <see cref="Hash"/> returns, without
    /// allocating the hex string: what a verifier checks for every entry.
    /// </summary>
    public static bool Matches(long sequence, AuditRecord r, string previousHash, string expectedHash)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (expectedHash is null || expectedHash.Length != 64) return false;
        Span<byte> digest = stackalloc byte[32];
        Compute(sequence, r, previousHash, digest);
        Span<char> hex = stackalloc char[64];
        return Convert.TryToHexStringLower(digest, hex, out _) && hex.SequenceEqual(expectedHash);
    }

    private static void Compute(long sequence, AuditRecord r, string previousHash, Span<byte> digest)
    {
        var size = 0;
        size += Max(Version) + Max(r.ActorId) + Max(r.ActorRole) + Max(r.OrganisationId) + Max(r.Action) + Max(r.SubjectType)
            + Max(r.Reason) + Max(r.ClientAddress) + Max(previousHash) + Max(OutcomeName(r.Outcome)) + (3 * 24);
        var ids = r.SubjectIds;
        for (var i = 0; i < ids.Count; i++) size += Max(ids[i]);
        string[]? keys = null;
        if (r.Details is { Count: > 0 } details)
        {
            keys = [.. details.Keys];
            Array.Sort(keys, StringComparer.Ordinal);
            size += Max(DetailsMarker) + 24;
            foreach (var key in keys) size += Max(key) + Max(details[key]);
        }

        var rented = size <= 1024 ? null : ArrayPool<byte>.Shared.Rent(size);
        Span<byte> buffer = rented ?? stackalloc byte[1024];
        try
        {
            var at = 0;
            Field(buffer, ref at, Version);
            Number(buffer, ref at, sequence);
            Number(buffer, ref at, r.At.UtcTicks);
            Field(buffer, ref at, r.ActorId);
            Field(buffer, ref at, r.ActorRole);
            Field(buffer, ref at, r.OrganisationId);
            Field(buffer, ref at, r.Action);
            Field(buffer, ref at, r.SubjectType);
            Number(buffer, ref at, ids.Count);
            for (var i = 0; i < ids.Count; i++) Field(buffer, ref at, ids[i]);
            Field(buffer, ref at, OutcomeName(r.Outcome));
            Field(buffer, ref at, r.Reason);
            Field(buffer, ref at, r.ClientAddress);
            if (keys is not null)
            {
                Field(buffer, ref at, DetailsMarker);
                Number(buffer, ref at, keys.Length);
                foreach (var key in keys)
                {
                    Field(buffer, ref at, key);
                    Field(buffer, ref at, r.Details![key]);
                }
            }

            Field(buffer, ref at, previousHash);
            SHA256.HashData(buffer[..at], digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static ChainedEntry Link(long sequence, AuditRecord record, string previousHash) =>
        new(sequence, record, previousHash, Hash(sequence, record, previousHash));

    private static int Max(string? value) => 4 + (value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length));

    private static string OutcomeName(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => nameof(AuditOutcome.Succeeded),
        AuditOutcome.Refused => nameof(AuditOutcome.Refused),
        AuditOutcome.Failed => nameof(AuditOutcome.Failed),
        _ => outcome.ToString(),
    };

    private static void Number(Span<byte> buffer, ref int at, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        BinaryPrimitives.WriteInt32BigEndian(buffer[at..], written);
        at += 4;
        digits[..written].CopyTo(buffer[at..]);
        at += written;
    }

    private static void Field(Span<byte> buffer, ref int at, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer[at..], -1);
            at += 4;
            return;
        }

        var written = Encoding.UTF8.GetBytes(value, buffer[(at + 4)..]);
        BinaryPrimitives.WriteInt32BigEndian(buffer[at..], written);
        at += 4 + written;
    }
}
