using System.Text;

namespace Gatekeeper.Ingest.Synthetic;

/// <summary>A holder's CSV file being written: its encoding, line ending and optional BOM, buffered and streamed.</summary>
internal sealed class CsvOutput : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly Encoding _encoding;
    private readonly byte[] _newline;
    private readonly byte[] _encoded = new byte[4096];

    public CsvOutput(string path, Encoding encoding, bool bom, bool crlf, string header)
    {
        _stream = new BufferedStream(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, useAsync: false), 1 << 18);
        _encoding = encoding;
        _newline = crlf ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
        if (bom) _stream.Write([0xEF, 0xBB, 0xBF]);
        WriteLine(header);
        Rows = 0;
    }

    public long Rows { get; private set; }

    public void WriteLine(string line)
    {
        var length = _encoding.GetBytes(line, _encoded);
        _stream.Write(_encoded, 0, length);
        _stream.Write(_newline);
        Rows++;
    }

    /// <summary>Fast path for rows known to be ASCII, identical in UTF-8 and Shift_JIS.</summary>
    public void WriteAscii(ReadOnlySpan<byte> line)
    {
        _stream.Write(line);
        _stream.Write(_newline);
        Rows++;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.FlushAsync();
        await _stream.DisposeAsync();
    }
}
