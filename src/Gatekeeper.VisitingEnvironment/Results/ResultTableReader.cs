using System.Numerics;
using DuckDB.NET.Data;
using Gatekeeper.Ingest.Storage;
using Microsoft.Data.Analysis;

namespace Gatekeeper.VisitingEnvironment.Results;

/// <summary>Reads a result table from the airlock (its Parquet file) into a <see cref="DataFrame"/>, one typed column per output column.</summary>
public static class ResultTableReader
{
    public static DataFrame Read(string parquetPath)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:;threads=1");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM read_parquet({DuckDbSql.Literal(parquetPath)})";
        using var reader = command.ExecuteReader();
        var columns = new List<Func<object?, bool>>();
        var frameColumns = new List<DataFrameColumn>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var (column, append) = Column(reader.GetName(i), reader.GetFieldType(i));
            frameColumns.Add(column);
            columns.Add(append);
        }

        while (reader.Read())
        {
            for (var i = 0; i < columns.Count; i++) columns[i](reader.IsDBNull(i) ? null : reader.GetValue(i));
        }

        return new DataFrame(frameColumns);
    }

    private static (DataFrameColumn Column, Func<object?, bool> Append) Column(string name, Type type)
    {
        if (type == typeof(bool)) return Typed(new BooleanDataFrameColumn(name), v => (bool)v);
        if (type == typeof(sbyte)) return Typed(new SByteDataFrameColumn(name), v => (sbyte)v);
        if (type == typeof(byte)) return Typed(new ByteDataFrameColumn(name), v => (byte)v);
        if (type == typeof(short)) return Typed(new Int16DataFrameColumn(name), v => (short)v);
        if (type == typeof(ushort)) return Typed(new UInt16DataFrameColumn(name), v => (ushort)v);
        if (type == typeof(int)) return Typed(new Int32DataFrameColumn(name), v => (int)v);
        if (type == typeof(uint)) return Typed(new UInt32DataFrameColumn(name), v => (uint)v);
        if (type == typeof(long)) return Typed(new Int64DataFrameColumn(name), v => (long)v);
        if (type == typeof(ulong)) return Typed(new UInt64DataFrameColumn(name), v => (ulong)v);
        if (type == typeof(float)) return Typed(new SingleDataFrameColumn(name), v => (float)v);
        if (type == typeof(double)) return Typed(new DoubleDataFrameColumn(name), v => (double)v);
        if (type == typeof(decimal)) return Typed(new DecimalDataFrameColumn(name), v => (decimal)v);
        if (type == typeof(BigInteger)) return Typed(new DecimalDataFrameColumn(name), v => (decimal)(BigInteger)v);
        if (type == typeof(DateTime)) return Typed(new DateTimeDataFrameColumn(name), v => (DateTime)v);
        if (type == typeof(DateOnly)) return Typed(new DateTimeDataFrameColumn(name), v => ((DateOnly)v).ToDateTime(TimeOnly.MinValue));
        var text = new StringDataFrameColumn(name);
        return (text, v =>
        {
            text.Append(v is null ? null : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture));
            return true;
        });
    }

    private static (DataFrameColumn, Func<object?, bool>) Typed<T>(PrimitiveDataFrameColumn<T> column, Func<object, T> convert)
        where T : unmanaged
    {
        return (column, v =>
        {
            column.Append(v is null ? null : convert(v));
            return true;
        });
    }
}
