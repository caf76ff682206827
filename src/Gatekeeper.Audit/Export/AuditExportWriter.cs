using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Export;

/// <summary>
/// Writes an export or archive file as JSON Lines, streaming: the header, then the checkpoints (so a
/// verifier reading the file once knows them before the entries they vouch for), then the entries.
/// </summary>
public sealed class AuditExportWriter : IAsyncDisposable
{
    private const int FlushThreshold = 1 << 16;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _completedSha256;
    private bool _headerWritten;
    private bool _entriesStarted;

    public AuditExportWriter(Stream stream, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    public long Entries { get; private set; }

    public long Checkpoints { get; private set; }

    /// <summary>The last entry written, or null.</summary>
    public ChainedEntry? LastEntry { get; private set; }

    public ValueTask WriteHeaderAsync(AuditExportHeader header, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (_headerWritten) throw new InvalidOperationException("The header is written once, first.");
        _headerWritten = true;
        return WriteAsync(AuditExportLine.Of(header), cancellationToken);
    }

    public ValueTask WriteCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!_headerWritten) throw new InvalidOperationException("Write the header first.");
        if (_entriesStarted) throw new InvalidOperationException("Checkpoints are written before the entries.");
        Checkpoints++;
        return WriteAsync(AuditExportLine.Of(checkpoint), cancellationToken);
    }

    public ValueTask WriteEntryAsync(ChainedEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_headerWritten) throw new InvalidOperationException("Write the header first.");
        _entriesStarted = true;
        Entries++;
        LastEntry = entry;
        return WriteAsync(AuditExportLine.Entry(entry), cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_buffer.WrittenCount > 0) await FlushBufferAsync(cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>Flushes everything and returns the SHA-256 (hex) of all bytes written; nothing more may be written.</summary>
    public async Task<string> CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_completedSha256 is not null) return _completedSha256;
        await FlushAsync(cancellationToken);
        _completedSha256 = Convert.ToHexStringLower(_sha256.GetHashAndReset());
        return _completedSha256;
    }

    public async ValueTask DisposeAsync()
    {
        if (_buffer.WrittenCount > 0 && _completedSha256 is null) await _stream.WriteAsync(_buffer.WrittenMemory);
        _buffer.ResetWrittenCount();
        await _json.DisposeAsync();
        _sha256.Dispose();
        if (!_leaveOpen) await _stream.DisposeAsync();
    }

    private ValueTask WriteAsync(AuditExportLine line, CancellationToken cancellationToken)
    {
        if (_completedSha256 is not null) throw new InvalidOperationException("The export is complete.");
        JsonSerializer.Serialize(_json, line, AuditExportJsonContext.Default.AuditExportLine);
        _json.Flush();
        _json.Reset();
        _buffer.Write("\n"u8);
        return _buffer.WrittenCount >= FlushThreshold ? FlushBufferAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        _sha256.AppendData(_buffer.WrittenSpan);
        await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }
}
