using System.Numerics;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.VisitingEnvironment.Results;

/// <summary>Rows of one result table on their way into the writer database (DuckDB's appender).</summary>
public sealed class ResultTableSink
{
    private readonly DuckDB.NET.Data.DuckDBAppender _appender;
    private bool _closed;

    internal ResultTableSink(DuckDBConnection connection, string table, IReadOnlyList<WorkerColumn> columns)
    {
        Table = table;
        Columns = columns;
        _appender = connection.CreateAppender(table);
    }

    public string Table { get; }

    public IReadOnlyList<WorkerColumn> Columns { get; }

    public long Rows { get; private set; }

    /// <summary>Appends the current row of a reader whose columns match <see cref="Columns"/>.</summary>
    public void Append(DuckDBDataReader reader)
    {
        var row = _appender.CreateRow();
        for (var i = 0; i < Columns.Count; i++)
        {
            if (reader.IsDBNull(i))
            {
                row.AppendNullValue();
                continue;
            }

            switch (reader.GetValue(i))
            {
                case bool v: row.AppendValue(v); break;
                case sbyte v: row.AppendValue(v); break;
                case short v: row.AppendValue(v); break;
                case int v: row.AppendValue(v); break;
                case long v: row.AppendValue(v); break;
                case byte v: row.AppendValue(v); break;
                case ushort v: row.AppendValue(v); break;
                case uint v: row.AppendValue(v); break;
                case ulong v: row.AppendValue(v); break;
                case BigInteger v: row.AppendValue(v); break;
                case float v: row.AppendValue(v); break;
                case double v: row.AppendValue(v); break;
                case decimal v: row.AppendValue(v); break;
                case string v: row.AppendValue(v); break;
                case DateOnly v: row.AppendValue(DuckDBDateOnly.FromDateOnly(v)); break;
                case TimeOnly v: row.AppendValue((DuckDBTimeOnly)v); break;
                case DateTime v: row.AppendValue(v); break;
                case TimeSpan v: row.AppendValue(v); break;
                case var other: row.AppendValue(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }

        row.EndRow();
        Rows++;
    }

    /// <summary>Appends one row of values computed outside DuckDB (a DP release): text, doubles or nulls, in column order.</summary>
    public void AppendValues(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Columns.Count) throw new ArgumentException($"{values.Count} values for {Columns.Count} columns.", nameof(values));
        var row = _appender.CreateRow();
        foreach (var value in values)
        {
            switch (value)
            {
                case null: row.AppendNullValue(); break;
                case string v: row.AppendValue(v); break;
                case double v: row.AppendValue(v); break;
                case long v: row.AppendValue(v); break;
                default: throw new ArgumentException($"Unsupported value type {value.GetType().Name}.", nameof(values));
            }
        }

        row.EndRow();
        Rows++;
    }

    internal void Close()
    {
        if (_closed) return;
        _appender.Close();
        _appender.Dispose();
        _closed = true;
    }
}
