using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>What DuckDB's functions may do in a run (names as in <c>duckdb_functions()</c> of DuckDB 1.5).</summary>
internal static class SqlFunctions
{
    /// <summary>Table functions that only generate values; every other table function reads files, the network or the catalogue.</summary>
    public static readonly IReadOnlySet<string> AllowedTableFunctions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "range", "generate_series", "unnest",
    };

    /// <summary>Scalar functions refused anywhere: environment, settings, sequences, random state, SQL-in-SQL, logs.</summary>
    public static readonly IReadOnlySet<string> DeniedScalarFunctions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "getenv", "current_setting", "setseed", "nextval", "currval", "json_serialize_sql", "json_deserialize_sql",
        "parse_duckdb_log_message", "current_query", "which_secret",
        "has_sequence_privilege", "has_table_privilege", "has_tablespace_privilege", "pg_table_is_visible",
    };

    /// <summary>Functions whose value changes between evaluations; the shadow statistics must describe exactly the output.</summary>
    public static readonly IReadOnlySet<string> Nondeterministic = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "random", "uuid", "gen_random_uuid", "uuidv4", "uuidv7",
    };

    /// <summary>Every aggregate (and window-only) function of DuckDB 1.5, to tell aggregate calls from scalar ones.</summary>
    public static readonly IReadOnlySet<string> Aggregates = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "any_value", "approx_count_distinct", "approx_quantile", "approx_top_k", "arbitrary", "arg_max", "arg_max_null",
        "arg_max_nulls_last", "arg_min", "arg_min_null", "arg_min_nulls_last", "argmax", "argmin", "array_agg", "avg",
        "bit_and", "bit_or", "bit_xor", "bitstring_agg", "bool_and", "bool_or", "corr", "count", "count_if", "count_star",
        "countif", "covar_pop", "covar_samp", "cume_dist", "dense_rank", "entropy", "favg", "fill", "first", "first_value",
        "fsum", "group_concat", "histogram", "histogram_exact", "kahan_sum", "kurtosis", "kurtosis_pop", "lag", "last",
        "last_value", "lead", "list", "listagg", "mad", "max", "max_by", "mean", "median", "min", "min_by", "mode",
        "nth_value", "ntile", "percent_rank", "product", "quantile", "quantile_cont", "quantile_disc", "rank", "rank_dense",
        "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy",
        "regr_syy", "reservoir_quantile", "row_number", "sem", "skewness", "stddev", "stddev_pop", "stddev_samp",
        "string_agg", "sum", "sum_no_overflow", "sumkahan", "var_pop", "var_samp", "variance", "grouping", "grouping_id",
    };

    /// <summary>The aggregates an aggregate-statistics output may publish, with the disclosure rules' kind of each.</summary>
    public static readonly IReadOnlyDictionary<string, MeasureKind> StatisticMeasures = new Dictionary<string, MeasureKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["count_star"] = MeasureKind.Count,
        ["count"] = MeasureKind.Count,
        ["sum"] = MeasureKind.Sum,
        ["avg"] = MeasureKind.Mean,
        ["mean"] = MeasureKind.Mean,
        ["median"] = MeasureKind.Median,
        ["quantile"] = MeasureKind.Quantile,
        ["quantile_cont"] = MeasureKind.Quantile,
        ["quantile_disc"] = MeasureKind.Quantile,
        ["min"] = MeasureKind.Min,
        ["max"] = MeasureKind.Max,
        ["stddev"] = MeasureKind.StandardDeviation,
        ["stddev_samp"] = MeasureKind.StandardDeviation,
        ["stddev_pop"] = MeasureKind.StandardDeviation,
        ["variance"] = MeasureKind.Variance,
        ["var_samp"] = MeasureKind.Variance,
        ["var_pop"] = MeasureKind.Variance,
    };

    /// <summary>Statements (by first keyword) that are never allowed, with the reason shown to the researcher.</summary>
    public static string? StatementRefusal(string keyword) => keyword switch
    {
        "COPY" or "EXPORT" => "writes data to files",
        "ATTACH" or "DETACH" or "USE" => "opens other databases",
        "INSTALL" or "LOAD" or "FORCE" => "installs or loads extensions",
        "SET" or "RESET" or "PRAGMA" => "changes the engine's settings",
        "CALL" => "calls procedures",
        "CREATE" or "DROP" or "ALTER" or "INSERT" or "UPDATE" or "DELETE" or "TRUNCATE" or "MERGE" or "IMPORT" or "COMMENT" => "changes the database",
        "BEGIN" or "COMMIT" or "ROLLBACK" or "ABORT" or "START" or "END" or "CHECKPOINT" or "VACUUM" or "ANALYZE" => "controls transactions or storage",
        "PREPARE" or "EXECUTE" or "DEALLOCATE" => "runs prepared statements",
        "EXPLAIN" or "DESCRIBE" or "SHOW" or "SUMMARIZE" => "inspects the engine rather than the data",
        "SECRET" => "handles credentials",
        _ => null,
    };
}
