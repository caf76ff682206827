using System.Text;

namespace Gatekeeper.Ingest.Validation;

/// <summary>
/// Spills one parser thread's errors to a temporary file so a file full of bad rows needs no memory; the report
/// writer merges the threads' files in file order and turns chunk-relative line numbers into file line numbers.
/// </summary>
internal sealed class ErrorSink : IDisposable
{
    private const int MaxValueCharacters = 200;
    private readonly FileStream _stream;
    private readonly BinaryWriter _writer;

    public ErrorSink(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);
    }

    public string Path { get; }

    public long Count { get; private set; }

    /// <param name="field">Index of the field in the schema, or -1 for the whole row.</param>
    public void Add(long relativeLine, int field, string rule, ReadOnlySpan<byte> value, bool withhold)
    {
        _writer.Write(relativeLine);
        _writer.Write(field);
        _writer.Write(rule);
        if (withhold)
        {
            _writer.Write("(identifier withheld)");
        }
        else
        {
            var text = Encoding.UTF8.GetString(value);
            _writer.Write(text.Length > MaxValueCharacters ? text[..MaxValueCharacters] + "…" : text);
        }

        Count++;
    }

    public IEnumerable<(long Line, int Field, string Rule, string Value)> Read()
    {
        _writer.Flush();
        _stream.Position = 0;
        using var reader = new BinaryReader(_stream, Encoding.UTF8, leaveOpen: true);
        for (var i = 0L; i < Count; i++) yield return (reader.ReadInt64(), reader.ReadInt32(), reader.ReadString(), reader.ReadString());
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
