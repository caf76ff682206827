using Gatekeeper.Domain.Applications;
using Gatekeeper.VisitingEnvironment.Queries;

namespace Gatekeeper.Enclave.Tests;

/// <summary>The host's (and worker's) verdict on queries, from DuckDB's parse tree: each refusal names the construct.</summary>
public sealed class QueryValidatorTests : IDisposable
{
    private static readonly PermittedTable Activity = new("activity", ["participant_id", "observation_time", "step"],
        ["participant_id", "observation_time", "step", "walk_time", "calories", "production_specification_serial"]);

    private static readonly PermittedTable Participants = new("participants", ["participant_id", "consortium_id", "sex"],
        ["participant_id", "consortium_id", "birth_year_month", "sex", "residence"]);

    private static readonly PermittedTable Hba1c = new("hba1c", ["participant_id", "observation_date", "hba1c"],
        ["participant_id", "observation_date", "hba1c", "method_code"]);

    private static readonly QueryScope Aggregate = new(OutputTier.AggregateStatistics, [Activity, Participants, Hba1c],
        DatasetTables: ["activity", "participants", "hba1c", "weight"]);

    private static readonly QueryScope Microdata = Aggregate with { Tier = OutputTier.PseudonymisedMicrodata };

    private readonly QueryValidator _validator = new();

    [Theory]
    [InlineData("COPY activity TO '/tmp/x.csv'", "COPY")]
    [InlineData("ATTACH '/work/data/gatekeeper.db' AS db", "ATTACH")]
    [InlineData("INSTALL httpfs", "INSTALL")]
    [InlineData("LOAD httpfs", "LOAD")]
    [InlineData("SET enable_external_access = true", "SET")]
    [InlineData("PRAGMA database_list", "PRAGMA")]
    [InlineData("CALL pragma_version()", "CALL")]
    [InlineData("CREATE TABLE x AS SELECT 1", "CREATE")]
    [InlineData("EXPORT DATABASE '/tmp/out'", "EXPORT")]
    [InlineData("SELECT count(*) FROM activity; COPY (SELECT 1) TO '/tmp/y.csv'", "COPY")]
    [InlineData("/* comment */ ( SET threads = 64 )", "SET")]
    public void Statements_other_than_select_are_refused_by_name(string sql, string keyword)
    {
        var result = _validator.Validate(sql, Aggregate);
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems, p => p.Code == "statement");
        Assert.Equal(keyword, problem.Construct);
        Assert.Contains($"{keyword} statements are not allowed", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM read_text('/etc/passwd')", "read_text()")]
    [InlineData("SELECT * FROM read_blob('/etc/passwd')", "read_blob()")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd', sep = ':')", "read_csv()")]
    [InlineData("SELECT * FROM read_parquet('/work/data/analysis/other/activity/part-1.parquet')", "read_parquet()")]
    [InlineData("SELECT * FROM read_json('https://example.com/x.json')", "read_json()")]
    [InlineData("SELECT * FROM read_csv_auto('http://169.254.169.254/latest/meta-data')", "read_csv_auto()")]
    [InlineData("SELECT * FROM glob('/work/*')", "glob()")]
    [InlineData("SELECT * FROM duckdb_settings()", "duckdb_settings()")]
    [InlineData("SELECT * FROM duckdb_views()", "duckdb_views()")]
    [InlineData("SELECT * FROM query('SELECT 1')", "query()")]
    [InlineData("SELECT * FROM json_execute_serialized_sql('{}')", "json_execute_serialized_sql()")]
    [InlineData("SELECT * FROM parquet_metadata('/data/activity/part-1.parquet')", "parquet_metadata()")]
    public void Table_functions_that_read_files_the_network_or_the_catalogue_are_refused(string sql, string construct)
    {
        var result = _validator.Validate(sql, Microdata);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("table-function", problem.Code);
        Assert.Equal(construct, problem.Construct);
        Assert.Contains("may only read the permit's tables", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM '/etc/passwd'", "file", "/etc/passwd")]
    [InlineData("SELECT * FROM 'https://example.com/data.parquet'", "file", "https://example.com/data.parquet")]
    [InlineData("SELECT * FROM weight", "table", "weight")]
    [InlineData("SELECT * FROM secrets", "table", "secrets")]
    [InlineData("SELECT * FROM information_schema.tables", "table", "information_schema.tables")]
    [InlineData("SELECT * FROM main.activity", "table", "main.activity")]
    [InlineData("SELECT * FROM duckdb_settings", "table", "duckdb_settings")]
    [InlineData("SELECT * FROM sqlite_master", "table", "sqlite_master")]
    public void Tables_outside_the_permit_and_file_paths_are_refused(string sql, string code, string construct)
    {
        var problem = Assert.Single(_validator.Validate(sql, Microdata).Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(construct, problem.Construct);
    }

    [Fact]
    public void A_cte_only_shadows_names_inside_its_own_scope()
    {
        Assert.True(_validator.Validate("WITH duckdb_settings AS (SELECT step FROM activity) SELECT * FROM duckdb_settings", Microdata).IsValid);
        var leak = _validator.Validate("WITH x AS (WITH duckdb_settings AS (SELECT 1 AS a) SELECT * FROM duckdb_settings) SELECT * FROM x, duckdb_settings", Microdata);
        Assert.Equal("duckdb_settings", Assert.Single(leak.Problems).Construct);
    }

    [Theory]
    [InlineData("SELECT getenv('HOME')", "getenv()")]
    [InlineData("SELECT current_setting('memory_limit')", "current_setting()")]
    [InlineData("SELECT setseed(0.5)", "setseed()")]
    [InlineData("SELECT json_serialize_sql('SELECT 1')", "json_serialize_sql()")]
    [InlineData("SELECT pg_catalog.version()", "pg_catalog.version()")]
    public void Functions_that_read_the_environment_or_engine_state_are_refused(string sql, string construct)
    {
        var problem = Assert.Single(_validator.Validate(sql, Microdata).Problems);
        Assert.Equal("function", problem.Code);
        Assert.Equal(construct, problem.Construct);
    }

    [Fact]
    public void A_variable_outside_the_permit_is_refused_by_name()
    {
        var result = _validator.Validate("SELECT method_code, count(*) FROM hba1c GROUP BY method_code", Aggregate);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("variable", problem.Code);
        Assert.Equal("hba1c.method_code", problem.Construct);
        Assert.Contains("'method_code' (hba1c) is not in the permit", problem.Message, StringComparison.Ordinal);

        var serial = _validator.Validate("SELECT a.production_specification_serial FROM activity a", Microdata);
        Assert.Equal("activity.production_specification_serial", Assert.Single(serial.Problems).Construct);
    }

    [Fact]
    public void An_alias_with_the_name_of_a_refused_variable_is_not_mistaken_for_it()
    {
        Assert.True(_validator.Validate("SELECT step AS calories FROM activity ORDER BY calories", Microdata).IsValid);
    }

    [Theory]
    [InlineData("SELECT $1")]
    [InlineData("SELECT step FROM activity WHERE step > ?")]
    public void Parameters_are_refused(string sql) =>
        Assert.Equal("parameter", Assert.Single(_validator.Validate(sql, Microdata).Problems).Code);

    [Theory]
    [InlineData("SELECT __gk_unit FROM activity", "__gk_unit")]
    [InlineData("SELECT count(*) FROM __gk_stage1", "__gk_stage1")]
    [InlineData("WITH __gk_x AS (SELECT 1) SELECT * FROM __gk_x", "__gk_x")]
    public void Names_of_the_visiting_environment_are_reserved(string sql, string construct) =>
        Assert.Contains(_validator.Validate(sql, Microdata).Problems, p => p.Code == "reserved" && p.Construct == construct);

    [Theory]
    [InlineData("SELECT * FROM activity", "row-level")]
    [InlineData("SELECT step, participant_id FROM activity", "row-level")]
    [InlineData("SELECT sex, string_agg(participant_id, ',') FROM participants GROUP BY sex", "aggregate")]
    [InlineData("SELECT sex, list(consortium_id) FROM participants GROUP BY sex", "aggregate")]
    [InlineData("SELECT sex, arg_max(participant_id, 1) FROM participants GROUP BY sex", "aggregate")]
    [InlineData("SELECT sex, count(*), rank() OVER (ORDER BY count(*)) FROM participants GROUP BY sex", "window")]
    [InlineData("SELECT sex, sum(step) / count(*) FROM participants JOIN activity USING (participant_id) GROUP BY sex", "combined")]
    [InlineData("SELECT count(*) FROM participants GROUP BY sex", "dimension")]
    [InlineData("SELECT consortium_id, upper(sex), count(*) FROM participants GROUP BY consortium_id, sex", "dimension")]
    [InlineData("SELECT sex, count(*) FROM participants GROUP BY sex UNION ALL SELECT sex, count(*) FROM participants GROUP BY sex", "outermost")]
    [InlineData("SELECT DISTINCT sex, count(*) FROM participants GROUP BY sex", "distinct")]
    [InlineData("SELECT sex, count(*) FROM participants GROUP BY ROLLUP (sex)", "grouping-sets")]
    [InlineData("SELECT sex, max(participant_id) FROM participants GROUP BY sex", "aggregate-unit")]
    [InlineData("SELECT sex, quantile_cont(step, [0.25, 0.75]) FROM participants JOIN activity USING (participant_id) GROUP BY sex", "aggregate-arguments")]
    [InlineData("SELECT sex, sum(DISTINCT step) FROM participants JOIN activity USING (participant_id) GROUP BY sex", "aggregate-distinct")]
    [InlineData("SELECT sex, count(*), (SELECT count(*) FROM hba1c WHERE hba1c > 9) FROM participants GROUP BY sex", "subquery-output")]
    [InlineData("SELECT sex, count(*) FROM participants TABLESAMPLE 50% GROUP BY sex", "sample")]
    [InlineData("SELECT sex, count(*) FROM participants WHERE random() < 0.5 GROUP BY sex", "function")]
    [InlineData("SELECT sex, count(*) FROM participants NATURAL JOIN activity GROUP BY sex", "natural-join")]
    [InlineData("SELECT k, count(*) FROM (SELECT 1 AS k) GROUP BY k", "unit")]
    public void Aggregate_statistics_must_be_one_aggregation_of_allowed_measures(string sql, string code)
    {
        var result = _validator.Validate(sql, Aggregate);
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Code == code);
    }

    [Theory]
    [InlineData("SELECT sex, count(*) AS n FROM participants GROUP BY sex")]
    [InlineData("SELECT sex, count(*) AS n FROM participants GROUP BY ALL HAVING count(*) > 1 ORDER BY n DESC LIMIT 5")]
    [InlineData("SELECT count(*) FROM activity")]
    [InlineData("SELECT p.consortium_id, date_trunc('month', a.observation_time) AS month, round(avg(a.step), 1) AS mean_steps, count(DISTINCT a.participant_id) AS persons FROM activity a JOIN participants p USING (participant_id) GROUP BY 1, month")]
    [InlineData("WITH per_person AS (SELECT participant_id, avg(step) AS steps FROM activity GROUP BY participant_id) SELECT count(*), median(steps), quantile_cont(steps, 0.9) FROM per_person")]
    [InlineData("SELECT sex, stddev(step), var_pop(step), min(step), max(step), sum(step) FILTER (WHERE step > 1000) FROM (SELECT * FROM activity JOIN participants USING (participant_id)) GROUP BY sex")]
    [InlineData("SELECT 'all' AS label, sex, count(*) FROM participants GROUP BY sex")]
    public void Aggregations_over_the_permit_are_accepted(string sql)
    {
        var result = _validator.Validate(sql, Aggregate);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Microdata_tiers_may_return_rows_of_granted_variables()
    {
        Assert.True(_validator.Validate("SELECT a.participant_id, a.step, p.sex FROM activity a JOIN participants p USING (participant_id)", Microdata).IsValid);
    }

    [Fact]
    public void Unparseable_text_gives_duckdbs_parser_message()
    {
        var problem = Assert.Single(_validator.Validate("SELEC step FROM activity", Aggregate).Problems);
        Assert.Equal("syntax", problem.Code);
        Assert.Contains("syntax error", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Empty_and_oversized_queries_are_refused()
    {
        Assert.Equal("empty", Assert.Single(_validator.Validate("  ", Aggregate).Problems).Code);
        Assert.Equal("length", Assert.Single(_validator.Validate("SELECT 1 -- " + new string('x', QueryValidator.MaxQueryLength), Aggregate).Problems).Code);
        Assert.Equal("statements", Assert.Single(_validator.Validate(string.Concat(Enumerable.Repeat("SELECT count(*) FROM activity;", 11)), Aggregate).Problems).Code);
    }

    public void Dispose() => _validator.Dispose();
}
