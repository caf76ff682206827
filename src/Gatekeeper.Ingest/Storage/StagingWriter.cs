using Parquet;
using Parquet.Schema;

namespace Gatekeeper.Ingest.Storage;

/// <summary>
/// Buffers validated rows of one parser thread as integer columns (strings as dictionary codes, times as
/// microseconds, decimals scaled) and writes them as row groups of a staging Parquet file. Integers keep the
/// hand-over to DuckDB cheap; DuckDB turns codes back into strings when it writes the analysis table.
/// </summary>
internal sealed class StagingWriter : IAsyncDisposable
{
    public const string RowColumn = "_row";
    private readonly Stream _stream;
    private readonly DataField[] _intFields;
    private readonly DataField[] _longFields;
    private readonly DataField _rowField = new DataField<long>(RowColumn);
    private ParquetWriter? _writer;
    private readonly ParquetSchema _schema;

    public StagingWriter(string path, IReadOnlyList<string> intColumns, IReadOnlyList<string> longColumns, int capacity)
    {
        Path = path;
        _intFields = intColumns.Select(c => (DataField)new DataField<int>(c)).ToArray();
        _longFields = longColumns.Select(c => (DataField)new DataField<long>(c)).ToArray();
        _schema = new ParquetSchema([.. _intFields, .. _longFields, _rowField]);
        Ints = _intFields.Select(_ => new int[capacity]).ToArray();
        Longs = _longFields.Select(_ => new long[capacity]).ToArray();
        Rows = new long[capacity];
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false);
    }

    public string Path { get; }

    /// <summary>Marks an empty (▲) value: required columns without definition levels write several times faster.</summary>
    public const int NullInt = int.MinValue;

    public const long NullLong = long.MinValue;

    public int[][] Ints { get; }

    public long[][] Longs { get; }

    /// <summary>File order of each row: chunk number in the high bits, line within the chunk in the low bits.</summary>
    public long[] Rows { get; }

    public int Count { get; private set; }

    public long Written { get; private set; }

    public bool IsFull => Count == Rows.Length;

    /// <summary>Keeps the row just filled in at index <see cref="Count"/>; a rejected row is simply overwritten by the next.</summary>
    public void Commit() => Count++;

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Count == 0) return;
        _writer ??= await ParquetWriter.CreateAsync(_schema, _stream, new ParquetOptions { CompressionMethod = CompressionMethod.None }, cancellationToken: cancellationToken);
        using (var group = _writer.CreateRowGroup())
        {
            for (var i = 0; i < _intFields.Length; i++) await group.WriteAsync<int>(_intFields[i], Ints[i].AsMemory(0, Count), null, null, cancellationToken);
            for (var i = 0; i < _longFields.Length; i++) await group.WriteAsync<long>(_longFields[i], Longs[i].AsMemory(0, Count), null, null, cancellationToken);
            await group.WriteAsync<long>(_rowField, Rows.AsMemory(0, Count), null, null, cancellationToken);
        }

        Written += Count;
        Count = 0;
    }

    public async ValueTask DisposeAsync()
    {
        // A chunk whose rows were all rejected still needs a valid (empty) Parquet file for DuckDB to read.
        _writer ??= await ParquetWriter.CreateAsync(_schema, _stream, new ParquetOptions { CompressionMethod = CompressionMethod.None });
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
