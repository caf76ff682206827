using System.Runtime.CompilerServices;
using System.Text;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Validation;

namespace Gatekeeper.Ingest.Importing;

/// <summary>
/// Parses, validates and pseudonymises the lines of one byte range of a UTF-8 file on one thread, into a staging
/// Parquet file. The hot loop works on spans of the read buffer: no string per field, one HMAC per distinct identifier.
/// </summary>
internal sealed class ChunkParser
{
    public const int RowGroupRows = 1 << 16;
    private const int BufferSize = 1 << 20;
    private const int LineShift = 40;
    private readonly ParsePlan _plan;
    private readonly int _chunk;
    private readonly string _path;
    private readonly long _start;
    private readonly long _end;
    private readonly StagingWriter _staging;
    private readonly ErrorSink _errors;
    private readonly Utf8CodeDictionary?[] _dictionaries;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly byte[] _scratch = new byte[BufferSize];
    private bool _skippingLongLine;

    public ChunkParser(ParsePlan plan, int chunk, string path, long start, long end, StagingWriter staging, ErrorSink errors)
    {
        _plan = plan;
        _chunk = chunk;
        _path = path;
        _start = start;
        _end = end;
        _staging = staging;
        _errors = errors;
        _dictionaries = plan.Fields.Select(f => f.IsStringValued && f.Kind != FieldKind.Code ? new Utf8CodeDictionary() : null).ToArray();
        _starts = new int[plan.ColumnCount];
        _lengths = new int[plan.ColumnCount];
    }

    /// <summary>Lines seen, blank ones included, so the report's line numbers match an editor's.</summary>
    public long Lines { get; private set; }

    public long Rows { get; private set; }

    public long Rejected { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var buffer = new byte[BufferSize];
        var position = _start;
        var filled = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var toRead = (int)Math.Min(buffer.Length - filled, _end - position);
            if (toRead > 0)
            {
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(filled, toRead), position, cancellationToken);
                position += read;
                filled += read;
                if (read == 0) position = _end;
            }

            var atEnd = position >= _end;
            var consumed = ProcessLines(buffer.AsSpan(0, filled), atEnd);
            if (_staging.IsFull) await _staging.FlushAsync(cancellationToken);
            if (consumed == 0 && filled == buffer.Length && !_staging.IsFull)
            {
                // A line longer than the buffer: report it once, then drop bytes until its end.
                if (!_skippingLongLine) _errors.Add(Lines + 1, -1, ValidationRules.LineLength, [], false);
                _skippingLongLine = true;
                consumed = filled;
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
            if (atEnd && filled == 0) break;
        }

        await _staging.FlushAsync(cancellationToken);
    }

    /// <summary>Handles every complete line of <paramref name="data"/>; stops early when the staging buffer is full. Returns bytes consumed.</summary>
    // Hot path of a short-lived import: compile optimised at once instead of starting in tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ProcessLines(ReadOnlySpan<byte> data, bool atEnd)
    {
        var offset = 0;
        while (offset < data.Length && !_staging.IsFull)
        {
            var newline = data[offset..].IndexOf((byte)'\n');
            if (newline < 0 && !atEnd) break;
            var length = newline < 0 ? data.Length - offset : newline;
            var line = data.Slice(offset, length);
            offset += newline < 0 ? length : length + 1;
            if (_skippingLongLine)
            {
                _skippingLongLine = false;
                Lines++;
                Rows++;
                Rejected++;
                continue;
            }

            Lines++;
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            if (line.IsEmpty) continue;
            Rows++;
            if (!ParseRow(line)) Rejected++;
            if (Rows == _plan.FailAfterRows && _chunk == 0) throw new InjectedFaultException(Rows);
        }

        return offset;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    private bool ParseRow(ReadOnlySpan<byte> line)
    {
        var count = CsvSplitter.Split(line, _starts, _lengths, _scratch, out var data);
        if (count != _plan.ColumnCount)
        {
            _errors.Add(Lines, -1, count == CsvSplitter.Malformed ? ValidationRules.Quoting : ValidationRules.Columns, [], false);
            return false;
        }

        var row = _staging.Count;
        var ok = true;
        var fields = _plan.Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var column = _plan.ColumnOf[i];
            var value = column < 0 ? [] : data.Slice(_starts[column], _lengths[column]);
            var intSlot = _plan.IntSlot[i];
            var longSlot = _plan.LongSlot[i];
            if (value.IsEmpty)
            {
                if (field.Required)
                {
                    Fail(i, ValidationRules.Required, value);
                    ok = false;
                }
                else if (intSlot >= 0)
                {
                    _staging.Ints[intSlot][row] = StagingWriter.NullInt;
                }
                else if (longSlot >= 0)
                {
                    _staging.Longs[longSlot][row] = StagingWriter.NullLong;
                }

                continue;
            }

            string? rule;
            switch (field.Kind)
            {
                case FieldKind.Integer:
                    rule = FieldParser.Integer(value, field, out var integer);
                    if (rule is null && intSlot >= 0) _staging.Ints[intSlot][row] = integer;
                    break;
                case FieldKind.Decimal:
                    rule = FieldParser.Decimal(value, field, out var scaled);
                    if (rule is null && intSlot >= 0) _staging.Ints[intSlot][row] = scaled;
                    break;
                case FieldKind.Date8:
                    rule = FieldParser.Date8(value, out var days);
                    if (rule is null && intSlot >= 0) _staging.Ints[intSlot][row] = days;
                    break;
                case FieldKind.Code:
                    rule = FieldParser.Code(value, _plan.Codes[i], out var position);
                    if (rule is null && intSlot >= 0) _staging.Ints[intSlot][row] = _plan.CodeListCodes[i][position];
                    break;
                case FieldKind.DateTime14:
                case FieldKind.DateTime17:
                    rule = FieldParser.DateTime(value, field.Kind == FieldKind.DateTime17, out var micros);
                    if (rule is null && longSlot >= 0) _staging.Longs[longSlot][row] = micros;
                    break;
                default:
                    rule = StringValue(i, field, value, out var code);
                    if (rule is null && intSlot >= 0) _staging.Ints[intSlot][row] = code == SharedCodes.Null ? StagingWriter.NullInt : code;
                    break;
            }

            if (rule is not null)
            {
                Fail(i, rule, value);
                ok = false;
            }
        }

        if (!ok) return false;
        _staging.Rows[row] = ((long)_chunk << LineShift) | Lines;
        _staging.Commit();
        return true;
    }

    /// <summary>Validates and transforms a string-valued field once per distinct value; later rows hit the dictionary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? StringValue(int index, FieldSpec field, ReadOnlySpan<byte> value, out int code)
    {
        var dictionary = _dictionaries[index]!;
        if (dictionary.TryGet(value, out code)) return null;
        string? output;
        string? rule;
        switch (field.Kind)
        {
            case FieldKind.YearMonth6:
                rule = FieldParser.YearMonth(value, out var year, out var month);
                output = rule is null ? _plan.Coarsening.CoarsenBirth(year, month) : null;
                if (rule is null && output is null) rule = ValidationRules.Range;
                break;
            case FieldKind.Residence:
                rule = FieldParser.Residence(value, out var prefecture);
                output = rule is null ? _plan.Coarsening.CoarsenResidence(prefecture) : null;
                break;
            default:
                rule = FieldParser.Text(value, field.MaxLength);
                output = rule is not null ? null : field.Transform switch
                {
                    FieldTransform.PseudonymisePerson => _plan.Pseudonymiser.Person(value),
                    FieldTransform.PseudonymiseDevice => _plan.Pseudonymiser.Device(value),
                    _ => Encoding.UTF8.GetString(value),
                };
                break;
        }

        if (rule is not null) return rule;
        code = _plan.Shared[index]!.CodeOf(output);
        dictionary.Add(value, code);
        return null;
    }

    private void Fail(int field, string rule, ReadOnlySpan<byte> value) =>
        _errors.Add(Lines, field, rule, value, _plan.Fields[field].Sensitivity == Gatekeeper.Domain.Catalogue.VariableSensitivity.DirectIdentifier);
}
