using System.Data.Common;
using System.Text.Json;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Gatekeeper.Benchmarks.Audit;

/// <summary>
/// Loads benchmark rows fast (SQLite: prepared inserts in one transaction; PostgreSQL: binary COPY), in exactly the
/// column formats the store's EF model writes (checked by verifying the loaded chain through the product's verifier).
/// Entries are loaded linked, with entry number = chain position; the store's entry-number generator is moved past them.
/// </summary>
internal sealed class AuditBulkLoader : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();
    private readonly GatekeeperDbContext _db;
    private readonly DbConnection _connection;
    private readonly List<(ChainedEntry Entry, Checkpoint? Checkpoint)> _pending = [];

    private AuditBulkLoader(GatekeeperDbContext db)
    {
        _db = db;
        _connection = db.Database.GetDbConnection();
    }

    public static async Task<AuditBulkLoader> OpenAsync(GatekeeperDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        return new AuditBulkLoader(db);
    }

    public async Task AddAsync(ChainedEntry entry, Checkpoint? checkpoint)
    {
        _pending.Add((entry, checkpoint));
        if (_pending.Count >= 50_000) await FlushAsync();
    }

    public async Task FlushAsync()
    {
        if (_pending.Count == 0) return;
        if (_connection is NpgsqlConnection npgsql) await CopyAsync(npgsql);
        else await InsertAsync((SqliteConnection)_connection);
        _pending.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync();
        await _db.Database.CloseConnectionAsync();
    }

    private static string? DetailsJson(ChainedEntry e) => e.Record.Details is { Count: > 0 } d ? JsonSerializer.Serialize(d, Json) : null;

    private async Task InsertAsync(SqliteConnection connection)
    {
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var entry = connection.CreateCommand();
        entry.Transaction = tx;
        entry.CommandText = """
            INSERT INTO audit_entries ("Sequence","Position","At","ActorId","ActorRole","OrganisationId","Action","SubjectType","SubjectId","SubjectIds","Outcome","Reason","ClientAddress","Details","PreviousHash","Hash")
            VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
            """;
        var p = Enumerable.Range(1, 16).Select(i => entry.Parameters.Add(new SqliteParameter($"${i}", null))).ToArray();
        await using var subject = connection.CreateCommand();
        subject.Transaction = tx;
        subject.CommandText = "INSERT INTO audit_entry_subjects (\"Sequence\",\"Position\",\"SubjectId\") VALUES ($1,$2,$3)";
        var s = Enumerable.Range(1, 3).Select(i => subject.Parameters.Add(new SqliteParameter($"${i}", null))).ToArray();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.Transaction = tx;
        checkpoint.CommandText = "INSERT INTO audit_checkpoints (\"Sequence\",\"EntryHash\",\"At\",\"KeyId\",\"Signature\") VALUES ($1,$2,$3,$4,$5)";
        var c = Enumerable.Range(1, 5).Select(i => checkpoint.Parameters.Add(new SqliteParameter($"${i}", null))).ToArray();
        entry.Prepare();
        subject.Prepare();
        checkpoint.Prepare();
        foreach (var (e, cp) in _pending)
        {
            var r = e.Record;
            object?[] values =
            [
                e.Sequence, e.Sequence, SqliteTime.ConvertToProvider(r.At), r.ActorId, r.ActorRole, r.OrganisationId, r.Action, r.SubjectType, r.SubjectIds.FirstOrDefault(),
                JsonSerializer.Serialize(r.SubjectIds, Json), r.Outcome.ToString(), r.Reason, r.ClientAddress, DetailsJson(e), e.PreviousHash, e.Hash,
            ];
            for (var i = 0; i < values.Length; i++) p[i].Value = values[i] ?? DBNull.Value;
            await entry.ExecuteNonQueryAsync();
            for (var i = 0; i < r.SubjectIds.Count; i++)
            {
                s[0].Value = e.Sequence;
                s[1].Value = i;
                s[2].Value = r.SubjectIds[i];
                await subject.ExecuteNonQueryAsync();
            }

            if (cp is not null)
            {
                c[0].Value = cp.Sequence;
                c[1].Value = cp.EntryHash;
                c[2].Value = SqliteTime.ConvertToProvider(cp.At);
                c[3].Value = cp.KeyId;
                c[4].Value = cp.Signature;
                await checkpoint.ExecuteNonQueryAsync();
            }
        }

        await tx.CommitAsync();
    }

    private async Task CopyAsync(NpgsqlConnection connection)
    {
        await using (var entries = await connection.BeginBinaryImportAsync(
            "COPY audit_entries (\"Sequence\",\"Position\",\"At\",\"ActorId\",\"ActorRole\",\"OrganisationId\",\"Action\",\"SubjectType\",\"SubjectId\",\"SubjectIds\",\"Outcome\",\"Reason\",\"ClientAddress\",\"Details\",\"PreviousHash\",\"Hash\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (e, _) in _pending)
            {
                var r = e.Record;
                await entries.StartRowAsync();
                await entries.WriteAsync(e.Sequence, NpgsqlDbType.Bigint);
                await entries.WriteAsync(e.Sequence, NpgsqlDbType.Bigint);
                await entries.WriteAsync(r.At.UtcDateTime, NpgsqlDbType.TimestampTz);
                await entries.WriteAsync(r.ActorId, NpgsqlDbType.Varchar);
                await WriteNullableAsync(entries, r.ActorRole);
                await WriteNullableAsync(entries, r.OrganisationId);
                await entries.WriteAsync(r.Action, NpgsqlDbType.Varchar);
                await WriteNullableAsync(entries, r.SubjectType);
                await WriteNullableAsync(entries, r.SubjectIds.FirstOrDefault());
                await entries.WriteAsync(JsonSerializer.Serialize(r.SubjectIds, Json), NpgsqlDbType.Text);
                await entries.WriteAsync(r.Outcome.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(entries, r.Reason);
                await WriteNullableAsync(entries, r.ClientAddress);
                if (DetailsJson(e) is { } details) await entries.WriteAsync(details, NpgsqlDbType.Text);
                else await entries.WriteNullAsync();
                await entries.WriteAsync(e.PreviousHash, NpgsqlDbType.Char);
                await entries.WriteAsync(e.Hash, NpgsqlDbType.Char);
            }

            await entries.CompleteAsync();
        }

        await using (var subjects = await connection.BeginBinaryImportAsync("COPY audit_entry_subjects (\"Sequence\",\"Position\",\"SubjectId\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (e, _) in _pending)
            {
                for (var i = 0; i < e.Record.SubjectIds.Count; i++)
                {
                    await subjects.StartRowAsync();
                    await subjects.WriteAsync(e.Sequence, NpgsqlDbType.Bigint);
                    await subjects.WriteAsync(i, NpgsqlDbType.Integer);
                    await subjects.WriteAsync(e.Record.SubjectIds[i], NpgsqlDbType.Varchar);
                }
            }

            await subjects.CompleteAsync();
        }

        await using (var checkpoints = await connection.BeginBinaryImportAsync("COPY audit_checkpoints (\"Sequence\",\"EntryHash\",\"At\",\"KeyId\",\"Signature\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (_, cp) in _pending)
            {
                if (cp is null) continue;
                await checkpoints.StartRowAsync();
                await checkpoints.WriteAsync(cp.Sequence, NpgsqlDbType.Bigint);
                await checkpoints.WriteAsync(cp.EntryHash, NpgsqlDbType.Char);
                await checkpoints.WriteAsync(cp.At.UtcDateTime, NpgsqlDbType.TimestampTz);
                await checkpoints.WriteAsync(cp.KeyId, NpgsqlDbType.Varchar);
                await checkpoints.WriteAsync(cp.Signature, NpgsqlDbType.Varchar);
            }

            await checkpoints.CompleteAsync();
        }
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value) =>
        value is null ? importer.WriteNullAsync() : importer.WriteAsync(value, NpgsqlDbType.Varchar);
}
