using System.Text;
using System.Text.Json;
using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Export;

/// <summary>
/// Reads an export or archive file line by line (constant memory): the header first, then items. A malformed
/// line is reported as a <see cref="FormatException"/> naming its line number.
/// </summary>
public sealed class AuditExportReader : IDisposable
{
    private static readonly string EntryPrefix = "{\"type\":\"" + AuditExportLine.EntryType + "\"";
    private readonly StreamReader _reader;
    private long _lineNumber;

    private AuditExportReader(StreamReader reader, AuditExportHeader header, long lineNumber)
    {
        _reader = reader;
        Header = header;
        _lineNumber = lineNumber;
    }

    public AuditExportHeader Header { get; }

    /// <summary>Opens a reader on <paramref name="stream"/> (which it then owns) and reads the header.</summary>
    public static async Task<AuditExportReader> OpenAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            long lineNumber = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var parsed = Parse(line, lineNumber);
                if (parsed.Type != AuditExportLine.HeaderType || parsed.Format != AuditExportHeader.Format)
                    throw new FormatException($"line {lineNumber}: expected a '{AuditExportHeader.Format}' header");
                var anchor = new ChainAnchor(parsed.FirstSequence ?? 1, parsed.AnchorPreviousHash ?? ChainedEntry.Genesis) { Checkpoint = parsed.AnchorCheckpoint };
                var header = new AuditExportHeader(anchor, parsed.Keys ?? [])
                {
                    LastSequence = parsed.LastSequence, CreatedAt = parsed.CreatedAt, Description = parsed.Description,
                };
                return new AuditExportReader(reader, header, lineNumber);
            }

            throw new FormatException($"not a {AuditExportHeader.Format} file: no header");
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The next entry or checkpoint, or null at the end of the file.</summary>
    public async Task<AuditExportItem?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            _lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            return ToItem(Parse(line, _lineNumber), _lineNumber);
        }

        return null;
    }

    /// <summary>The next checkpoint, skipping entries without parsing them (for a first pass that only gathers checkpoints).</summary>
    public async Task<AuditExportItem?> ReadCheckpointAsync(CancellationToken cancellationToken = default)
    {
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            _lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith(EntryPrefix, StringComparison.Ordinal)) continue;
            var item = ToItem(Parse(line, _lineNumber), _lineNumber);
            if (item.Checkpoint is not null) return item;
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();

    private static AuditExportItem ToItem(AuditExportLine parsed, long lineNumber) => parsed switch
    {
        { Type: AuditExportLine.EntryType, Sequence: { } seq, Record: { } record, PreviousHash: { } prev, Hash: { } hash } =>
            new AuditExportItem(lineNumber, new ChainedEntry(seq, record, prev, hash), null),
        { Type: AuditExportLine.CheckpointType, Checkpoint: { } checkpoint } => new AuditExportItem(lineNumber, null, checkpoint),
        _ => throw new FormatException($"line {lineNumber}: unexpected or incomplete '{parsed.Type}' line"),
    };

    private static AuditExportLine Parse(string line, long lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize(line, AuditExportJsonContext.Default.AuditExportLine)
                ?? throw new FormatException($"line {lineNumber}: empty line");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"line {lineNumber}: not a valid export line ({ex.Message})", ex);
        }
    }
}
