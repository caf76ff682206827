using System.Data.Common;
using System.Text.Json;
using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// Streams linked chain entries by chain-position range with a plain data reader (no entity materialisation, no page held in memory),
/// for the paths that read the whole chain: verification, export and archiving. Columns and their formats are those the
/// EF model maps (<c>Configuration/AuditConfiguration</c>).
/// </summary>
internal static class AuditRowReader
{
    private const string Columns = "\"Position\",\"At\",\"ActorId\",\"ActorRole\",\"OrganisationId\",\"Action\",\"SubjectType\",\"SubjectIds\",\"Outcome\",\"Reason\",\"ClientAddress\",\"Details\",\"PreviousHash\",\"Hash\"";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    /// <summary>Hands every entry with <paramref name="after"/> &lt; chain position ≤ <paramref name="upTo"/> to <paramref name="onEntry"/>, in order; returns how many there were.</summary>
    public static async Task<int> ReadRangeAsync(DbContext db, long after, long upTo, Func<ChainedEntry, ValueTask> onEntry, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        await using var command = await CommandAsync(db, $"SELECT {Columns} FROM audit_entries WHERE \"Position\" > @after AND \"Position\" <= @upTo ORDER BY \"Position\"", after, upTo, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var count = 0;
        // Microsoft.Data.Sqlite's async reads are synchronous underneath; calling Read directly saves a task per row.
        while (postgres ? await reader.ReadAsync(cancellationToken) : reader.Read())
        {
            count++;
            await onEntry(Read(reader, postgres));
        }

        return count;
    }

    /// <summary>The first chain position after <paramref name="after"/> in the live table, or null.</summary>
    public static async Task<long?> NextSequenceAsync(DbContext db, long after, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, "SELECT MIN(\"Position\") FROM audit_entries WHERE \"Position\" > @after AND \"Position\" <= @upTo", after, long.MaxValue, cancellationToken);
        return await command.ExecuteScalarAsync(cancellationToken) is long next ? next : null;
    }

    private static async Task<DbCommand> CommandAsync(DbContext db, string sql, long after, long upTo, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in new[] { ("@after", after), ("@upTo", upTo) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static ChainedEntry Read(DbDataReader reader, bool postgres)
    {
        var at = postgres ? reader.GetFieldValue<DateTimeOffset>(1) : (DateTimeOffset)SqliteTime.ConvertFromProvider(reader.GetInt64(1))!;
        var record = new AuditRecord
        {
            At = at,
            ActorId = reader.GetString(2),
            ActorRole = Text(reader, 3),
            OrganisationId = Text(reader, 4),
            Action = reader.GetString(5),
            SubjectType = Text(reader, 6),
            SubjectIds = StringArray(reader.GetString(7)),
            Outcome = Outcome(reader.GetString(8)),
            Reason = Text(reader, 9),
            ClientAddress = Text(reader, 10),
            Details = Text(reader, 11) is { } details ? StringMap(details) : null,
        };
        return new ChainedEntry(reader.GetInt64(0), record, Text(reader, 12) ?? "", Text(reader, 13) ?? "");
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static AuditOutcome Outcome(string value) => value switch
    {
        nameof(AuditOutcome.Succeeded) => AuditOutcome.Succeeded,
        nameof(AuditOutcome.Refused) => AuditOutcome.Refused,
        nameof(AuditOutcome.Failed) => AuditOutcome.Failed,
        _ => Enum.Parse<AuditOutcome>(value),
    };

    /// <summary>A JSON array of strings; without escapes every quote delimits a value, so it is split directly.</summary>
    private static List<string> StringArray(string json)
    {
        if (json.Contains('\\', StringComparison.Ordinal)) return JsonSerializer.Deserialize<List<string>>(json, Json) ?? [];
        var values = new List<string>(4);
        var at = 0;
        while ((at = json.IndexOf('"', at)) >= 0)
        {
            var end = json.IndexOf('"', at + 1);
            values.Add(json[(at + 1)..end]);
            at = end + 1;
        }

        return values;
    }

    /// <summary>A JSON object of string values; split directly when it has no escapes.</summary>
    private static Dictionary<string, string> StringMap(string json)
    {
        if (json.Contains('\\', StringComparison.Ordinal)) return JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? [];
        var values = new Dictionary<string, string>(4, StringComparer.Ordinal);
        var at = 0;
        while ((at = json.IndexOf('"', at)) >= 0)
        {
            var keyEnd = json.IndexOf('"', at + 1);
            var valueStart = json.IndexOf('"', keyEnd + 1);
            var valueEnd = json.IndexOf('"', valueStart + 1);
            values[json[(at + 1)..keyEnd]] = json[(valueStart + 1)..valueEnd];
            at = valueEnd + 1;
        }

        return values;
    }
}
