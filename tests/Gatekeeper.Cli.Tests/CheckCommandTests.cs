using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gatekeeper.Cli.Tests;

/// <summary>
/// <c>gatekeeper check</c>'s contract (issue 7): the JSON object, exit codes 0/1/2, messages that name the problem,
/// and shadow statistics that agree with a brute-force count over the same files.
/// </summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gatekeeper-check-test-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_safe_table_passes_with_the_contract_fields_and_exit_0()
    {
        var people = Csv("people.csv", "pid,region", Enumerable.Range(0, 40).Select(i => $"P{i},{(i % 2 == 0 ? "east" : "west")}"));
        var visits = Csv("visits.csv", "pid,cost", Enumerable.Range(0, 40).SelectMany(i => new[] { $"P{i},{100 + i}", $"P{i},{50 + i}" }));

        var run = await Cli.RunAsync("check", "--data", $"people={people}", "--data", $"visits={visits}", "--unit-id", "pid",
            "--sql", "SELECT p.region, count(*) AS visits, avg(v.cost) AS mean_cost FROM visits v JOIN people p ON v.pid = p.pid GROUP BY p.region",
            "--format", "json");

        Assert.True(run.Exit == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("pass", root.GetProperty("status").GetString());
        Assert.Equal("default", root.GetProperty("policy").GetProperty("id").GetString());
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("policy").GetProperty("sha256").GetString());
        var east = root.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("key").GetProperty("region").GetString() == "east");
        Assert.Equal((20, 40), (east.GetProperty("units").GetInt32(), east.GetProperty("rows").GetInt32()));
        Assert.Equal(40, east.GetProperty("measures").GetProperty("visits").GetDouble());
        Assert.Empty(east.GetProperty("failed").EnumerateArray());
        Assert.Empty(east.GetProperty("review").EnumerateArray());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("messages").ValueKind);
    }

    [Fact]
    public async Task A_cell_of_few_persons_fails_the_threshold_even_with_many_rows_and_exits_1()
    {
        // 3 persons with 10 visits each: 30 rows, but the counting unit is the person.
        var visits = Csv("visits.csv", "pid,kind", Enumerable.Range(0, 3).SelectMany(i => Enumerable.Repeat($"R{i},rare", 10))
            .Concat(Enumerable.Range(0, 30).Select(i => $"C{i},common")));

        var run = await Cli.RunAsync("check", "--data", $"visits={visits}", "--unit-id", "pid",
            "--sql", "SELECT kind, count(*) AS n FROM visits GROUP BY kind", "--format", "json");

        Assert.True(run.Exit == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("fail", json.RootElement.GetProperty("status").GetString());
        var rare = Cell(json, "kind", "rare");
        Assert.Equal((3, 30), (rare.GetProperty("units").GetInt32(), rare.GetProperty("rows").GetInt32()));
        Assert.Contains("threshold", rare.GetProperty("failed").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(Cell(json, "kind", "common").GetProperty("failed").EnumerateArray());
    }

    [Fact]
    public async Task A_sum_dominated_by_one_person_fails_the_dominance_rules()
    {
        var rows = Enumerable.Range(0, 20).Select(i => $"P{i},a,{(i == 0 ? 1_000_000 : 10)}");

        var run = await Cli.RunAsync("check", "--data", $"spend={Csv("spend.csv", "pid,grp,amount", rows)}", "--unit-id", "pid",
            "--sql", "SELECT grp, sum(amount) AS total FROM spend GROUP BY grp", "--format", "json");

        Assert.True(run.Exit == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var failed = Cell(json, "grp", "a").GetProperty("failed").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("p-ratio", failed);
        Assert.Contains("nk-dominance", failed);
    }

    [Fact]
    public async Task Without_a_unit_id_every_row_counts_as_a_unit()
    {
        var rows = Enumerable.Range(0, 12).Select(i => $"x{i % 3},{(i < 9 ? "big" : "small")}");

        var run = await Cli.RunAsync("check", "--data", $"t={Csv("t.csv", "who,size", rows)}",
            "--sql", "SELECT size, count(*) AS n FROM t GROUP BY size", "--format", "json");

        Assert.True(run.Exit == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(9, Cell(json, "size", "big").GetProperty("units").GetInt32());
        Assert.Equal(3, Cell(json, "size", "small").GetProperty("units").GetInt32());
    }

    [Fact]
    public async Task A_policy_file_replaces_the_default_and_its_hash_is_reported()
    {
        var policy = Path.Combine(_work, "lenient.yaml");
        var text = File.ReadAllText(CheckPolicyDefault()).Replace("id: default", "id: lenient", StringComparison.Ordinal)
            .Replace("threshold: 10 ", "threshold: 3 ", StringComparison.Ordinal);
        File.WriteAllText(policy, text);
        var rows = Enumerable.Range(0, 4).Select(i => $"P{i},a");

        var run = await Cli.RunAsync("check", "--data", $"t={Csv("t.csv", "pid,g", rows)}", "--unit-id", "pid",
            "--sql", "SELECT g, count(*) AS n FROM t GROUP BY g", "--policy", policy, "--format", "text");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("Status: PASS", run.Output, StringComparison.Ordinal);
        Assert.Contains("Policy: lenient", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_output_names_each_failing_cell_and_rule()
    {
        var rows = Enumerable.Range(0, 5).Select(i => $"P{i},a");

        var run = await Cli.RunAsync("check", "--data", $"t={Csv("t.csv", "pid,g", rows)}", "--unit-id", "pid",
            "--sql", "SELECT g, count(*) AS n FROM t GROUP BY g");

        Assert.True(run.Exit == 1, run.ToString());
        Assert.Contains("Status: FAIL", run.Output, StringComparison.Ordinal);
        Assert.Contains("FAIL  g=a", run.Output, StringComparison.Ordinal);
        Assert.Contains("threshold (fail)", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT pid, g FROM t", "not aggregates")]
    [InlineData("SELECT g, avg(nosuch) FROM t GROUP BY g", "nosuch")]
    [InlineData("COPY t TO '/tmp/x.csv'", "COPY")]
    [InlineData("SELECT g, count(*) FROM read_csv('/etc/passwd') GROUP BY g", "read_csv")]
    public async Task A_query_the_check_cannot_accept_exits_2_with_a_message_naming_the_problem(string sql, string named)
    {
        var rows = Enumerable.Range(0, 20).Select(i => $"P{i},a");

        var run = await Cli.RunAsync("check", "--data", $"t={Csv("t.csv", "pid,g", rows)}", "--unit-id", "pid", "--sql", sql);

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains(named, run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Unusable_inputs_exit_2_with_a_message_naming_them()
    {
        var good = Csv("t.csv", "pid,g", ["P1,a"]);
        var broken = Path.Combine(_work, "broken.parquet");
        File.WriteAllText(broken, "not parquet");

        var cases = new (string[] Args, string Named)[]
        {
            (["--data", "t", "--sql", "SELECT 1"], "NAME=FILE"),
            (["--data", $"t={Path.Combine(_work, "missing.csv")}", "--sql", "SELECT 1"], "no such file"),
            (["--data", $"t={Path.ChangeExtension(good, ".txt")}", "--sql", "SELECT 1"], ".csv or .parquet"),
            (["--data", $"t={broken}", "--sql", "SELECT g, count(*) FROM t GROUP BY g"], "cannot read"),
            (["--data", $"t={good}", "--unit-id", "person", "--sql", "SELECT g, count(*) FROM t GROUP BY g"], "person"),
            (["--data", $"t={good}", "--data", $"T={good}", "--sql", "SELECT 1"], "twice"),
        };
        foreach (var (args, named) in cases)
        {
            var run = await Cli.RunAsync(["check", .. args]);
            Assert.True(run.Exit == 2, run.ToString());
            Assert.Contains(named, run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Units_rows_and_sums_agree_with_a_brute_force_count_over_random_data(int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, random.Next(50, 400))
            .Select(_ => (Person: $"P{random.Next(60)}", A: "abc"[random.Next(3)].ToString(), B: random.Next(2), V: random.Next(-5, 100)))
            .ToList();
        var csv = Csv("r.csv", "pid,a,b,v", rows.Select(r => $"{r.Person},{r.A},{r.B},{r.V}"));

        var run = await Cli.RunAsync("check", "--data", $"r={csv}", "--unit-id", "pid",
            "--sql", "SELECT a, b, count(*) AS n, sum(v) AS total FROM r GROUP BY a, b", "--format", "json");

        Assert.True(run.Exit is 0 or 1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToList();
        var expected = rows.GroupBy(r => (r.A, r.B.ToString(CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(expected.Count, cells.Count);
        foreach (var group in expected)
        {
            var cell = cells.Single(c => c.GetProperty("key").GetProperty("a").GetString() == group.Key.A
                                         && c.GetProperty("key").GetProperty("b").GetString() == group.Key.Item2);
            Assert.Equal(group.Select(r => r.Person).Distinct().Count(), cell.GetProperty("units").GetInt32());
            Assert.Equal(group.Count(), cell.GetProperty("rows").GetInt32());
            Assert.Equal(group.Sum(r => r.V), cell.GetProperty("measures").GetProperty("total").GetDouble());
            // Negative contributions make the dominance rules ask for review rather than pass (issue 7).
            if (group.GroupBy(r => r.Person).Any(p => p.Sum(r => r.V) < 0) && !cell.GetProperty("failed").EnumerateArray().Any())
                Assert.NotEmpty(cell.GetProperty("review").EnumerateArray());
        }
    }

    private static JsonElement Cell(JsonDocument json, string key, string value) =>
        json.RootElement.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("key").GetProperty(key).GetString() == value);

    private static string CheckPolicyDefault() => Check.CheckCommand.DefaultPolicyPath;

    private string Csv(string name, string header, IEnumerable<string> lines)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, header + "\n" + string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return path;
    }
}
