using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Export;

/// <summary>
/// A self-contained, offline-verifiable export of a range of the chain as JSON Lines: a header with
/// the public keys and the anchor (sequence and hash the range links to), then the entries and the
/// checkpoints inside the range. Archives written by retention use the same format.
/// </summary>
public sealed record AuditExport(ChainAnchor Anchor, IReadOnlyDictionary<string, string> PublicKeys, IReadOnlyList<ChainedEntry> Entries, IReadOnlyList<Checkpoint> Checkpoints)
{
    public const string Format = "gatekeeper-audit-export-v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task WriteAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        await WriteLineAsync(writer, new AuditExportLine
        {
            Type = "header", Format = Format, Keys = new Dictionary<string, string>(PublicKeys),
            FirstSequence = Anchor.FirstSequence, AnchorPreviousHash = Anchor.PreviousHash,
        }, cancellationToken);
        foreach (var entry in Entries) await WriteLineAsync(writer, AuditExportLine.Entry(entry), cancellationToken);
        foreach (var checkpoint in Checkpoints) await WriteLineAsync(writer, new AuditExportLine { Type = "checkpoint", Checkpoint = checkpoint }, cancellationToken);
    }

    /// <summary>Reads an export; a malformed line is reported with its line number.</summary>
    public static async Task<AuditExport> ReadAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ChainAnchor? anchor = null;
        Dictionary<string, string>? keys = null;
        var entries = new List<ChainedEntry>();
        var checkpoints = new List<Checkpoint>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            AuditExportLine parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<AuditExportLine>(line, Json) ?? throw new FormatException("empty line");
            }
            catch (JsonException ex)
            {
                throw new FormatException($"line {lineNumber}: not a valid export line ({ex.Message})", ex);
            }

            switch (parsed.Type)
            {
                case "header" when lineNumber == 1 && parsed.Format == Format:
                    anchor = new ChainAnchor(parsed.FirstSequence ?? 1, parsed.AnchorPreviousHash ?? ChainedEntry.Genesis);
                    keys = parsed.Keys ?? [];
                    break;
                case "entry" when anchor is not null && parsed is { Sequence: { } seq, Record: { } record, PreviousHash: { } prev, Hash: { } hash }:
                    entries.Add(new ChainedEntry(seq, record, prev, hash));
                    break;
                case "checkpoint" when anchor is not null && parsed.Checkpoint is { } checkpoint:
                    checkpoints.Add(checkpoint);
                    break;
                default:
                    throw new FormatException(lineNumber == 1
                        ? $"line 1: expected a '{Format}' header"
                        : $"line {lineNumber}: unexpected or incomplete '{parsed.Type}' line");
            }
        }

        if (anchor is null || keys is null) throw new FormatException($"not a {Format} file: no header");
        return new AuditExport(anchor, keys, entries, checkpoints);
    }

    /// <summary>
    /// Verifies the export on its own, with the public keys it carries. An export could carry a forger's
    /// key, so pass the gatekeeper's published key ids in <paramref name="trustedKeyIds"/> to accept only those.
    /// </summary>
    public VerificationResult Verify(IReadOnlySet<string>? trustedKeyIds = null)
    {
        var keys = PublicKeys
            .Where(k => trustedKeyIds is null || trustedKeyIds.Contains(k.Key))
            .Where(k => CheckpointSigner.KeyIdOf(CheckpointSigner.ImportPublicKey(k.Value)) == k.Key)
            .ToDictionary(k => k.Key, k => CheckpointSigner.ImportPublicKey(k.Value));
        try
        {
            return ChainVerifier.Verify(Entries, Checkpoints, id => keys.GetValueOrDefault(id), Anchor);
        }
        finally
        {
            foreach (var key in keys.Values) key.Dispose();
        }
    }

    private static Task WriteLineAsync(TextWriter writer, AuditExportLine line, CancellationToken cancellationToken) =>
        writer.WriteLineAsync(JsonSerializer.Serialize(line, Json).AsMemory(), cancellationToken);
}
