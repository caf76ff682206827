using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;

namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>
/// Per-permit pseudonyms for released microdata. permitKey = HMAC-SHA-256(datasetKey, "permit:" + permitId);
/// permit pseudonym = hex of the first 16 bytes of HMAC-SHA-256(permitKey, datasetPseudonym). The visiting
/// environment needs only the permit key, which reveals neither the dataset key nor another permit's key, so two
/// projects' extracts share no linkable identifier.
/// </summary>
public sealed class PermitPseudonymiser
{
    private readonly byte[] _permitKey;

    private PermitPseudonymiser(byte[] permitKey)
    {
        _permitKey = permitKey;
    }

    /// <summary>The derived key, to hand to the visiting environment instead of the dataset key.</summary>
    public ReadOnlySpan<byte> PermitKey => _permitKey;

    public static PermitPseudonymiser FromDatasetKey(ReadOnlySpan<byte> datasetKey, string permitId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permitId);
        return new PermitPseudonymiser(HMACSHA256.HashData(datasetKey, Encoding.UTF8.GetBytes("permit:" + permitId)));
    }

    public static PermitPseudonymiser FromPermitKey(ReadOnlySpan<byte> permitKey)
    {
        if (permitKey.Length != HMACSHA256.HashSizeInBytes) throw new ArgumentException("A permit key has 32 bytes.", nameof(permitKey));
        return new PermitPseudonymiser(permitKey.ToArray());
    }

    public static async Task<PermitPseudonymiser> CreateAsync(IKeyProvider keys, string datasetId, string permitId, CancellationToken cancellationToken = default) =>
        FromDatasetKey(await keys.GetKeyAsync(datasetId, KeyUse.Pseudonymisation, cancellationToken), permitId);

    public string Derive(string datasetPseudonym)
    {
        Span<byte> input = stackalloc byte[Math.Max(64, Encoding.UTF8.GetMaxByteCount(datasetPseudonym.Length))];
        var length = Encoding.UTF8.GetBytes(datasetPseudonym, input);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_permitKey, input[..length], mac);
        return Convert.ToHexStringLower(mac[..Pseudonymiser.PseudonymBytes]);
    }

    /// <summary>
    /// Registers <c>name(VARCHAR) → VARCHAR</c> on a DuckDB connection so a permit's views can select
    /// <c>permit_pseudonym(participant_id) AS participant_id</c>.
    /// </summary>
    public void Register(DuckDBConnection connection, string name = "permit_pseudonym")
    {
        connection.RegisterScalarFunction<string, string>(name, (readers, writer, rowCount) =>
        {
            for (ulong i = 0; i < rowCount; i++)
            {
                if (readers[0].IsValid(i)) writer.WriteValue(Derive(readers[0].GetValue<string>(i)), i);
                else writer.WriteNull(i);
            }
        });
    }
}
