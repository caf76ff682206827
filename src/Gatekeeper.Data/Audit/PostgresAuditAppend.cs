using Gatekeeper.Data.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// The PostgreSQL append as one statement and one round trip: the entry and its subject-index rows in a data-modifying
/// CTE, inside the action's transaction. What EF Core would do in two <c>SaveChanges</c> round trips (the subject rows
/// need the entry number the store assigns), its JSON columns written by the same functions as the EF conversions
/// (<see cref="AuditConfiguration.DetailsColumn"/>, <see cref="JsonColumn.Serialize{T}"/>), so the entry reads back the
/// same either way (the chain's hash is computed from what is read back).
/// </summary>
internal static class PostgresAuditAppend
{
    private const string Sql = """
        WITH e AS (
          INSERT INTO audit_entries ("At", "ActorId", "ActorRole", "OrganisationId", "Action", "SubjectType", "SubjectId", "SubjectIds", "Outcome", "Reason", "ClientAddress", "Details")
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
          RETURNING "Sequence"),
        s AS (
          INSERT INTO audit_entry_subjects ("Sequence", "Position", "SubjectId")
          SELECT e."Sequence", u.p, u.id FROM e CROSS JOIN unnest($13::text[], $14::integer[]) AS u(id, p))
        SELECT "Sequence" FROM e
        """;

    public static async Task<long> AppendAsync(GatekeeperDbContext db, AuditEntryRow row, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        var (ids, positions) = AuditEntryRow.IndexedSubjects(row.SubjectIds);
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = row.At, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Text(row.ActorId));
        command.Parameters.Add(Text(row.ActorRole));
        command.Parameters.Add(Text(row.OrganisationId));
        command.Parameters.Add(Text(row.Action));
        command.Parameters.Add(Text(row.SubjectType));
        command.Parameters.Add(Text(row.SubjectId));
        command.Parameters.Add(Text(JsonColumn.Serialize(row.SubjectIds)));
        command.Parameters.Add(Text(row.Outcome.ToString()));
        command.Parameters.Add(Text(row.Reason));
        command.Parameters.Add(Text(row.ClientAddress));
        command.Parameters.Add(Text(AuditConfiguration.DetailsColumn(row.Details)));
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = positions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
