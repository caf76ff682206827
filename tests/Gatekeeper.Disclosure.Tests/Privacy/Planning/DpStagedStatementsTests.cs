using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Privacy.Planning;

namespace Gatekeeper.Disclosure.Tests.Privacy.Planning;

/// <summary>
/// The staged rewrite the visiting environment runs (per-(person, group) totals kept in a table, bounding windows only
/// when someone exceeds a cap, integer columns clamped in integer arithmetic) against the single statement a plan is
/// identified by, on random integer data in DuckDB: every combination must give exactly the same rows.
/// </summary>
public sealed class DpStagedStatementsTests : IDisposable
{
    private readonly DuckDBConnection _db = new("Data Source=:memory:");

    public DpStagedStatementsTests()
    {
        _db.Open();
    }

    public void Dispose() => _db.Dispose();

    public static TheoryData<int, int, int, int, int> Cases => new()
    {
        // seed, rows per person cap, groups cap, rows per group cap, lattice exponent
        { 1, 1000, 10, 1000, -18 }, // nobody over a cap
        { 2, 1000, 10, 1000, 0 },
        { 3, 12, 2, 1000, -18 },     // rows and groups caps bind for some
        { 4, 8, 10, 3, -4 },         // per-group cap binds
        { 5, 5, 1, 2, 0 },           // everything binds
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Staged_and_integer_statements_give_the_single_statements_rows(int seed, int rowsPerPerson, int groupsPerPerson, int rowsPerGroup, int exponent)
    {
        CreateData(seed);
        var bounds = new ContributionBounds(rowsPerPerson, groupsPerPerson, rowsPerGroup);
        foreach (var grouped in new[] { true, false })
        {
            var plan = DpAggregatePlanner.Plan(Spec(bounds, exponent, grouped), salt: "s" + seed.ToString(CultureInfo.InvariantCulture));
            var expected = Flatten(Read(plan.Sql));
            Assert.NotEmpty(expected);
            var anyoneOver = false;
            foreach (var integers in new[] { new HashSet<string>(), new HashSet<string> { "steps" } })
            {
                var statements = plan.Statements(integers);
                Assert.Equal(integers.Count == 0, statements.PerPersonGroup.Contains("AS DOUBLE", StringComparison.Ordinal));
                Execute($"CREATE OR REPLACE TEMP TABLE {DpAggregateSql.PerPersonGroupTable} AS {statements.PerPersonGroup}");
                anyoneOver = Scalar(statements.OverCapsCount) > 0;
                Assert.Equal(expected, Flatten(Read(statements.Bounded)));
                if (!anyoneOver) Assert.Equal(expected, Flatten(Read(statements.WithinCaps)));
                Assert.Equal(expected, Flatten(Read(DpAggregateSql.Compose(plan.Spec, [.. plan.Measures.Where(m => m.Sum is not null).Select(m => m.Sum!)], plan.Selection is not null, plan.Salt, integers).Single)));
            }

            Assert.Equal(rowsPerPerson < 1000, anyoneOver);
        }
    }

    private static DpQuerySpec Spec(ContributionBounds bounds, int exponent, bool grouped) => new(
        "activity",
        "person",
        grouped ? ["grp"] : [],
        [DpMeasureSpec.Count("rows"), DpMeasureSpec.Sum("total", "steps", new ClampBounds(0, 30000), new FloatLattice(exponent)), new DpMeasureSpec("mean", DpMeasureKind.Mean, "steps", new ClampBounds(0, 30000), new FloatLattice(exponent), impute: 2000)],
        bounds,
        new PublicGroupKeys(grouped ? PublicKeySet.CrossProduct(["grp"], [["0", "1", "2", "3"]]) : PublicKeySet.Ungrouped),
        PrivacyBudget.ApproximateDp(1, 0));

    /// <summary>60 persons with 1–20 rows each in integer groups 0–4 (4 is not a public key); steps from −50 to 40,000, some NULL.</summary>
    private void CreateData(int seed)
    {
        Execute("DROP TABLE IF EXISTS activity");
        Execute("CREATE TABLE activity (person INTEGER, grp INTEGER, steps INTEGER)");
        var random = new Random(seed);
        using var appender = _db.CreateAppender("activity");
        for (var person = 1; person <= 60; person++)
        {
            var rows = random.Next(1, 21);
            for (var r = 0; r < rows; r++)
            {
                var row = appender.CreateRow().AppendValue(person).AppendValue(random.Next(0, 5));
                if (random.Next(10) == 0) row.AppendNullValue();
                else row.AppendValue(random.Next(-50, 40001));
                row.EndRow();
            }
        }
    }

    private static List<string> Flatten(IEnumerable<(string Key, string Values)> rows) => [.. rows.Select(r => r.Key + ":" + r.Values)];

    private List<(string Key, string Values)> Read(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            var key = new List<string>();
            var values = new List<string>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                if (reader.GetName(i).StartsWith("__gk_", StringComparison.Ordinal))
                    values.Add(reader.GetName(i) + "=" + (value is BigInteger b ? b : new BigInteger(Convert.ToInt64(value, CultureInfo.InvariantCulture))).ToString(CultureInfo.InvariantCulture));
                else key.Add(value as string ?? "NULL");
            }

            rows.Add((string.Join("|", key), string.Join(",", values)));
        }

        return rows;
    }

    private long Scalar(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
