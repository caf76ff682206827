using DuckDB.NET.Data;

namespace Gatekeeper.Ingest.Storage;

/// <summary>
/// The dataset's person numbers: every dataset pseudonym of a person-level table gets a small integer — 1, 2, … in the
/// order of the imports that first brought it (within one import, in pseudonym order) — that never changes and is never
/// reused. Published parts carry it in <see cref="Column"/> beside the pseudonym, so the visiting environment joins a
/// table's rows to the run's persons on a dense integer (DuckDB's perfect hash join) instead of hashing 32-character
/// pseudonyms: about 14 % of a shadow-statistics run over 36 M rows (docs/performance.md). The number is a system column,
/// never a catalogue variable or a view column. The registry file (<see cref="DataLayout.PersonRegistryFile"/>) holds
/// nothing the parts do not — pseudonym and number — and lives outside the analysis folder, never mounted into a sandbox.
/// Extended under the dataset's import lock; replaced by an atomic rename.
/// </summary>
public static class PersonRegistry
{
    /// <summary>The parts' column holding the person number.</summary>
    public const string Column = "__gk_person";

    /// <summary>
    /// Loads the registry into the temp table <c>registry (pseudonym, person)</c> and numbers the pseudonyms of
    /// <paramref name="pseudonymsSql"/> (a query with one column, <c>value</c>) that it lacks. Returns how many it added.
    /// </summary>
    internal static async Task<long> ExtendAsync(DuckDBConnection connection, string file, string pseudonymsSql, CancellationToken cancellationToken)
    {
        var existing = File.Exists(file)
            ? $"SELECT pseudonym::VARCHAR AS pseudonym, person::INTEGER AS person FROM read_parquet({DuckDbSql.Literal(file)})"
            : "SELECT NULL::VARCHAR AS pseudonym, NULL::INTEGER AS person WHERE false";
        await DuckDbCommands.ExecuteAsync(connection, $"CREATE TEMP TABLE registry AS {existing}", cancellationToken);
        return await DuckDbCommands.ExecuteAsync(connection,
            "INSERT INTO registry SELECT n.value, (SELECT coalesce(max(person), 0) FROM registry) + row_number() OVER (ORDER BY n.value) " +
            $"FROM (SELECT DISTINCT value::VARCHAR AS value FROM ({pseudonymsSql}) WHERE value IS NOT NULL) AS n ANTI JOIN registry AS r ON r.pseudonym = n.value",
            cancellationToken);
    }

    /// <summary>Writes the extended registry to <paramref name="stagedFile"/>, to be put in place by <see cref="Publish"/>.</summary>
    internal static Task WriteAsync(DuckDBConnection connection, string stagedFile, CancellationToken cancellationToken) =>
        DuckDbCommands.ExecuteAsync(connection, $"COPY (SELECT pseudonym, person FROM registry ORDER BY person) TO {DuckDbSql.Literal(stagedFile)} (FORMAT PARQUET, COMPRESSION snappy)", cancellationToken);

    /// <summary>Replaces the registry with the staged one in one rename: readers see the old file or the new, never a mix.</summary>
    internal static void Publish(string stagedFile, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.Move(stagedFile, file, overwrite: true);
    }
}
