using System.Data.Common;
using System.Text.Json;
using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// Reads chain entries page by page with a plain data reader (no entity materialisation), for the paths that stream the
/// whole chain: verification, export and archiving. Columns and their formats are those the EF model maps.
/// </summary>
internal static class AuditRowReader
{
    private const string Columns = "\"Sequence\",\"At\",\"ActorId\",\"ActorRole\",\"OrganisationId\",\"Action\",\"SubjectType\",\"SubjectIds\",\"Outcome\",\"Reason\",\"ClientAddress\",\"Details\",\"PreviousHash\",\"Hash\"";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    /// <summary>Up to <paramref name="size"/> entries after <paramref name="after"/> (and up to <paramref name="upTo"/>), in order.</summary>
    public static async Task<List<ChainedEntry>> ReadPageAsync(DbContext db, long after, long upTo, int size, CancellationToken cancellationToken)
    {
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_entries WHERE \"Sequence\" > @after AND \"Sequence\" <= @upTo ORDER BY \"Sequence\" LIMIT @size";
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        Add(command, "@after", after);
        Add(command, "@upTo", upTo);
        Add(command, "@size", size);
        var page = new List<ChainedEntry>(Math.Min(size, 16_384));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var at = postgres ? reader.GetFieldValue<DateTimeOffset>(1) : SqliteTime.ConvertFromProvider(reader.GetInt64(1)) is DateTimeOffset t ? t : default;
            var record = new AuditRecord
            {
                At = at,
                ActorId = reader.GetString(2),
                ActorRole = Text(reader, 3),
                OrganisationId = Text(reader, 4),
                Action = reader.GetString(5),
                SubjectType = Text(reader, 6),
                SubjectIds = JsonSerializer.Deserialize<List<string>>(reader.GetString(7), Json) ?? [],
                Outcome = Outcome(reader.GetString(8)),
                Reason = Text(reader, 9),
                ClientAddress = Text(reader, 10),
                Details = Text(reader, 11) is { } details ? JsonSerializer.Deserialize<Dictionary<string, string>>(details, Json) : null,
            };
            page.Add(new ChainedEntry(reader.GetInt64(0), record, reader.GetString(12), reader.GetString(13)));
        }

        return page;
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static AuditOutcome Outcome(string value) => value switch
    {
        nameof(AuditOutcome.Succeeded) => AuditOutcome.Succeeded,
        nameof(AuditOutcome.Refused) => AuditOutcome.Refused,
        nameof(AuditOutcome.Failed) => AuditOutcome.Failed,
        _ => Enum.Parse<AuditOutcome>(value),
    };

    private static void Add(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
