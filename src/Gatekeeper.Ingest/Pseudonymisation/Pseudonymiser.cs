using System.Security.Cryptography;
using System.Text;

namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>
/// Keyed pseudonyms for direct identifiers: lowercase hex of the first 16 bytes of
/// HMAC-SHA-256(datasetKey, "person:" + id) or ("device:" + serial). The same id gets the same pseudonym from
/// every holder of one dataset (lifelong linkage by code); another dataset's key gives unrelated pseudonyms.
/// Thread-safe: the static one-shot HMAC keeps no state between calls.
/// </summary>
public sealed class Pseudonymiser
{
    /// <summary>Bytes of the HMAC kept: 128 bits make a collision among even 10^9 people negligible.</summary>
    public const int PseudonymBytes = 16;
    private const int MaxInput = 512;
    private static readonly byte[] PersonPrefix = "person:"u8.ToArray();
    private static readonly byte[] DevicePrefix = "device:"u8.ToArray();
    private readonly byte[] _key;

    public Pseudonymiser(ReadOnlySpan<byte> datasetKey)
    {
        if (datasetKey.Length < 16) throw new ArgumentException("A dataset key needs at least 16 bytes.", nameof(datasetKey));
        _key = datasetKey.ToArray();
    }

    public static async Task<Pseudonymiser> CreateAsync(IKeyProvider keys, string datasetId, CancellationToken cancellationToken = default) =>
        new(await keys.GetKeyAsync(datasetId, KeyUse.Pseudonymisation, cancellationToken));

    public string Person(string participantId) => Person(Encoding.UTF8.GetBytes(participantId));

    public string Person(ReadOnlySpan<byte> participantIdUtf8) => Compute(PersonPrefix, participantIdUtf8);

    public string Device(string serial) => Device(Encoding.UTF8.GetBytes(serial));

    public string Device(ReadOnlySpan<byte> serialUtf8) => Compute(DevicePrefix, serialUtf8);

    /// <summary>The derivation for one permit, so two projects' extracts cannot be linked (see <see cref="PermitPseudonymiser"/>).</summary>
    public PermitPseudonymiser ForPermit(string permitId) => PermitPseudonymiser.FromDatasetKey(_key, permitId);

    private string Compute(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> value)
    {
        if (prefix.Length + value.Length > MaxInput) throw new ArgumentException("Identifier too long to pseudonymise.", nameof(value));
        Span<byte> input = stackalloc byte[MaxInput];
        prefix.CopyTo(input);
        value.CopyTo(input[prefix.Length..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, input[..(prefix.Length + value.Length)], mac);
        return Convert.ToHexStringLower(mac[..PseudonymBytes]);
    }
}
