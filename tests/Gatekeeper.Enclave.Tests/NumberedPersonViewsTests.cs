using Gatekeeper.Domain.Applications;
using Gatekeeper.VisitingEnvironment.Queries;

namespace Gatekeeper.Enclave.Tests;

/// <summary>
/// Which queries stage 1 may read through the views numbered by run person (<see cref="NumberedPersonViews"/>): only
/// those whose answer cannot depend on the person column being a pseudonym rather than a number. Whether the answers
/// then match a brute-force computation is the shadow-statistics property test's job.
/// </summary>
public sealed class NumberedPersonViewsTests : IDisposable
{
    private static readonly QueryScope Scope = new(OutputTier.AggregateStatistics,
    [
        new PermittedTable("obs", ["participant_id", "g1", "v"], ["participant_id", "g1", "v"]),
        new PermittedTable("people", ["participant_id", "g3"], ["participant_id", "g3"]),
        new PermittedTable("activity", ["participant_id", "observation_time", "step"], ["participant_id", "observation_time", "step"]),
        new PermittedTable("participants", ["participant_id", "consortium_id"], ["participant_id", "consortium_id"]),
        new PermittedTable("hba1c", ["participant_id", "observation_date", "hba1c"], ["participant_id", "observation_date", "hba1c"]),
    ]);

    private readonly DuckDbSqlParser _parser = new();

    [Theory]
    [InlineData("SELECT g1, count(*) FROM obs GROUP BY g1")]
    [InlineData("SELECT g1, count(DISTINCT participant_id), count(participant_id) FROM obs GROUP BY g1")]
    [InlineData("SELECT p.g3, sum(o.v) FROM obs o JOIN people p USING (participant_id) GROUP BY p.g3")]
    [InlineData("SELECT p.g3, sum(o.v) FROM obs o JOIN people p ON o.participant_id = p.participant_id AND o.v > 0 GROUP BY p.g3")]
    [InlineData("SELECT p.g3, sum(o.v) FROM obs o NATURAL JOIN people p GROUP BY p.g3")]
    [InlineData("WITH t AS (SELECT participant_id, sum(v) AS total FROM obs GROUP BY participant_id) SELECT g3, avg(total) FROM t JOIN people USING (participant_id) GROUP BY g3")]
    [InlineData("SELECT g1, count(*) FROM (SELECT DISTINCT participant_id, g1 FROM obs) GROUP BY g1")]
    [InlineData("SELECT g1, count(*) FROM (SELECT * FROM obs WHERE v > 2) GROUP BY g1")]
    [InlineData("SELECT g1, count(*) FROM obs WHERE participant_id IN (SELECT participant_id FROM people WHERE g3 = 'x1') GROUP BY g1")]
    [InlineData("SELECT g1, count(*) FROM obs o WHERE EXISTS (SELECT 1 FROM people p WHERE p.participant_id = o.participant_id) GROUP BY g1")]
    [InlineData(RunSmokeTests.StepsQuery)]
    public void Queries_that_only_join_group_or_count_persons_read_the_numbered_views(string sql)
    {
        var node = Node(sql);
        Assert.True(NumberedPersonViews.TryApply(node, Scope));
        var tables = SqlTree.Objects(node).Where(o => SqlTree.Type(o) == "BASE_TABLE" && Scope.Table(SqlTree.Text(o, "table_name")) is not null).ToList();
        Assert.NotEmpty(tables);
        Assert.All(tables, t => Assert.Equal(NumberedPersonViews.Schema, SqlTree.Text(t, "schema_name")));
    }

    [Theory]
    [InlineData("SELECT g1, count(*) FROM obs WHERE participant_id >= 'a' GROUP BY g1")]
    [InlineData("SELECT participant_id, count(*) FROM obs GROUP BY participant_id")]
    [InlineData("SELECT g1, min(participant_id) FROM obs GROUP BY g1")]
    [InlineData("SELECT g1, string_agg(participant_id, ',') FROM obs GROUP BY g1")]
    [InlineData("SELECT g1, count(*) FROM obs WHERE participant_id IN ('a', 'b') GROUP BY g1")]
    [InlineData("SELECT k, count(*) FROM (SELECT left(participant_id, 1) AS k FROM obs) GROUP BY k")]
    [InlineData("SELECT k, count(*) FROM (SELECT participant_id AS k FROM obs) GROUP BY k")]
    [InlineData("SELECT g1, count(*) FROM (SELECT participant_id, g1 FROM obs ORDER BY 1 LIMIT 5) GROUP BY g1")]
    [InlineData("SELECT g1, count(*) FROM (SELECT participant_id, g1 FROM obs ORDER BY participant_id LIMIT 5) GROUP BY g1")]
    [InlineData("SELECT g1, count(*) FROM (SELECT participant_id, g1 FROM obs UNION ALL SELECT 'x', 'y') GROUP BY g1")]
    [InlineData("SELECT a, count(*) FROM (SELECT participant_id, g1 FROM obs) AS s(a, b) GROUP BY a")]
    [InlineData("SELECT g1, count(*) FROM obs WHERE (SELECT participant_id FROM people LIMIT 1) = 'a' GROUP BY g1")]
    [InlineData("SELECT g1, sum(r) FROM (SELECT g1, row_number() OVER (ORDER BY participant_id) AS r FROM obs) GROUP BY g1")]
    [InlineData("SELECT g1, count(*) FROM (SELECT * REPLACE (g1 AS participant_id) FROM obs) GROUP BY g1")]
    [InlineData("SELECT g1, count(*) FROM (SELECT g1 AS participant_id, g1 FROM obs) JOIN people USING (participant_id) GROUP BY g1")]
    [InlineData("WITH people AS (SELECT * FROM obs) SELECT g1, count(*) FROM people GROUP BY g1")]
    public void Queries_that_could_see_the_difference_keep_the_pseudonym_views(string sql)
    {
        var node = Node(sql);
        var before = node.ToJsonString();
        Assert.False(NumberedPersonViews.TryApply(node, Scope));
        Assert.Equal(before, node.ToJsonString());
    }

    private System.Text.Json.Nodes.JsonObject Node(string sql)
    {
        var parsed = _parser.Parse(sql);
        Assert.True(parsed.Succeeded, parsed.ErrorMessage);
        // As in stage 1, which drops the outermost ORDER BY and LIMIT (the published result is ordered afterwards).
        var node = SqlTree.Node(parsed.Statements[0]);
        node["modifiers"] = new System.Text.Json.Nodes.JsonArray();
        return node;
    }

    public void Dispose() => _parser.Dispose();
}
