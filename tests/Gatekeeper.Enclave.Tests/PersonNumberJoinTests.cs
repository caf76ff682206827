namespace Gatekeeper.Enclave.Tests;

/// <summary>
/// The permit views join a table's rows to the run's persons on the dataset's person number when the parts carry it,
/// on the pseudonym otherwise; both show the same consenting persons under the same per-permit pseudonyms and units.
/// </summary>
public sealed class PersonNumberJoinTests
{
    private static readonly Observation[] Rows =
    [
        new("p1", "a", 1, 5, 1.5), new("p1", "b", 1, 6, null), new("p2", "a", 2, 7, 2.0), new("p3", null, 3, null, 3.0),
        new("p4", "c", 1, 1, 1.0), new("p4", "c", 2, 2, 2.0), new("p4", "c", 3, 3, 3.0),
    ];

    [Fact]
    public void Both_joins_show_the_same_consenting_persons_pseudonyms_and_units()
    {
        var excluded = new HashSet<string> { "p2" };
        var expected = Rows.Where(r => !excluded.Contains(r.Person)).GroupBy(r => r.Person).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select((g, i) => $"permit-{g.Key}|{i + 1}|{g.Count()}").ToList();
        foreach (var numbered in new[] { true, false })
        {
            using var table = new ObservationTable(Rows, excluded, numbered);
            using var database = EnclaveDatabase.Open(table.Spec("SELECT 1").Limits);
            database.CreateViews(table.Spec("SELECT 1"));

            Assert.Equal(expected, Strings(database, "SELECT participant_id || '|' || __gk_unit || '|' || count(*) FROM __gk.obs GROUP BY participant_id, __gk_unit ORDER BY 1"));
            Assert.Equal(expected.Select(e => e.Split('|')[0]), Strings(database, "SELECT DISTINCT participant_id FROM main.obs ORDER BY 1"));
            var definition = string.Join("\n", Strings(database, "SELECT sql FROM duckdb_views() WHERE view_name = 'obs'"));
            Assert.Equal(numbered, definition.Contains("__gk_person = p.person", StringComparison.Ordinal));
            Assert.Equal(!numbered, definition.Contains("= p.dataset_pseudonym", StringComparison.Ordinal));
        }
    }

    private static List<string> Strings(EnclaveDatabase database, string sql)
    {
        using var command = database.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}
