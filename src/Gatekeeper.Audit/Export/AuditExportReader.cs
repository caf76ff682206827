using System.Text.Json;
using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Export;

/// <summary>
/// Reads an export or archive file line by line in constant memory: the header first, then items. Lines are split
/// and parsed as UTF-8 bytes (no string per line). A malformed line is reported as a <see cref="FormatException"/>
/// naming its line number.
/// </summary>
public sealed class AuditExportReader : IDisposable
{
    private static ReadOnlySpan<byte> EntryPrefix => "{\"type\":\"entry\""u8;
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _eof;
    private long _lineNumber;

    private AuditExportReader(Stream stream) => _stream = stream;

    public AuditExportHeader Header { get; private set; } = null!;

    /// <summary>Opens a reader on <paramref name="stream"/> (which it then owns) and reads the header.</summary>
    public static async Task<AuditExportReader> OpenAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new AuditExportReader(stream);
        try
        {
            while (await reader.NextLineAsync(cancellationToken) is { } line)
            {
                if (IsBlank(line.Span)) continue;
                var parsed = Parse(line.Span, reader._lineNumber);
                if (parsed.Type != AuditExportLine.HeaderType || parsed.Format != AuditExportHeader.Format)
                    throw new FormatException($"line {reader._lineNumber}: expected a '{AuditExportHeader.Format}' header");
                var anchor = new ChainAnchor(parsed.FirstSequence ?? 1, parsed.AnchorPreviousHash ?? ChainedEntry.Genesis) { Checkpoint = parsed.AnchorCheckpoint };
                reader.Header = new AuditExportHeader(anchor, parsed.Keys ?? [])
                {
                    LastSequence = parsed.LastSequence, CreatedAt = parsed.CreatedAt, Description = parsed.Description,
                };
                return reader;
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
    public async ValueTask<AuditExportItem?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (await NextLineAsync(cancellationToken) is { } line)
        {
            if (IsBlank(line.Span)) continue;
            if (line.Span.StartsWith(EntryPrefix) && EntryLineParser.TryParse(line.Span, out var entry)) return new AuditExportItem(_lineNumber, entry, null);
            return ToItem(Parse(line.Span, _lineNumber), _lineNumber);
        }

        return null;
    }

    /// <summary>The next checkpoint, skipping entries without parsing them (for a first pass that only gathers checkpoints).</summary>
    public async ValueTask<AuditExportItem?> ReadCheckpointAsync(CancellationToken cancellationToken = default)
    {
        while (await NextLineAsync(cancellationToken) is { } line)
        {
            if (IsBlank(line.Span) || line.Span.StartsWith(EntryPrefix)) continue;
            var item = ToItem(Parse(line.Span, _lineNumber), _lineNumber);
            if (item.Checkpoint is not null) return item;
        }

        return null;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>The next line without its line break (valid until the next call), or null at the end.</summary>
    private async ValueTask<ReadOnlyMemory<byte>?> NextLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, newline);
                _start += newline + 1;
                return Line(line);
            }

            if (_eof)
            {
                if (_start == _end) return null;
                var last = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                return Line(last);
            }

            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0) _eof = true;
            _end += read;
        }
    }

    private ReadOnlyMemory<byte> Line(ReadOnlyMemory<byte> line)
    {
        _lineNumber++;
        if (_lineNumber == 1 && line.Span.StartsWith("\uFEFF"u8)) line = line[3..];
        return line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;

    private static AuditExportItem ToItem(AuditExportLine parsed, long lineNumber) => parsed switch
    {
        { Type: AuditExportLine.EntryType, Sequence: { } seq, Record: { } record, PreviousHash: { } prev, Hash: { } hash } =>
            new AuditExportItem(lineNumber, new ChainedEntry(seq, record, prev, hash), null),
        { Type: AuditExportLine.CheckpointType, Checkpoint: { } checkpoint } => new AuditExportItem(lineNumber, null, checkpoint),
        _ => throw new FormatException($"line {lineNumber}: unexpected or incomplete '{parsed.Type}' line"),
    };

    private static AuditExportLine Parse(ReadOnlySpan<byte> line, long lineNumber)
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
