using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Gatekeeper.Domain.Applications;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// Decides whether a researcher's SQL may run under a permit, from DuckDB's own parse tree: only read-only SELECT
/// statements over the permit's views (and CTEs the query defines), no table function that reads files, the network
/// or the catalogue, no function that reads the environment or settings, no parameters, no variable outside the
/// permit, and — for the aggregate-statistics tier — an aggregation as the outermost query. Used by the host before
/// queueing a run and again by the worker inside the sandbox; the sandbox and DuckDB's own lock-down stay in force
/// for anything this misses.
/// </summary>
public sealed class QueryValidator : IDisposable
{
    public const int MaxQueryLength = 100_000;
    public const int MaxStatements = 10;

    /// <summary>Prefix of the names the visiting environment uses for itself (hidden schema, shadow columns).</summary>
    public const string ReservedPrefix = "__gk";

    private readonly DuckDbSqlParser _parser;
    private readonly bool _ownsParser;

    public QueryValidator()
    {
        _parser = new DuckDbSqlParser();
        _ownsParser = true;
    }

    internal QueryValidator(DuckDbSqlParser parser)
    {
        _parser = parser;
        _ownsParser = false;
    }

    public QueryValidation Validate(string sql, QueryScope scope) => ValidateStatements(sql, scope).Validation;

    /// <summary>The validation and, when valid, the parse tree of each statement (for the worker's planning).</summary>
    internal (QueryValidation Validation, IReadOnlyList<JsonObject> Statements) ValidateStatements(string sql, QueryScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var problems = new List<QueryProblem>();
        if (string.IsNullOrWhiteSpace(sql))
        {
            problems.Add(new QueryProblem("empty", "", "The query is empty: write one SELECT statement over the permit's tables."));
            return (new QueryValidation(problems, 0), []);
        }

        if (sql.Length > MaxQueryLength)
        {
            problems.Add(new QueryProblem("length", "", $"The query is {sql.Length:N0} characters long; at most {MaxQueryLength:N0} are accepted."));
            return (new QueryValidation(problems, 0), []);
        }

        var texts = SqlText.Statements(sql);
        foreach (var keyword in texts.Select(SqlText.LeadingKeyword).Distinct())
        {
            if (SqlFunctions.StatementRefusal(keyword) is { } reason)
            {
                problems.Add(new QueryProblem("statement", keyword,
                    $"{keyword} statements are not allowed: it {reason}. A run may only read the permit's tables with SELECT."));
            }
        }

        if (problems.Count > 0) return (new QueryValidation(problems, texts.Count), []);
        if (texts.Count > MaxStatements)
        {
            problems.Add(new QueryProblem("statements", "", $"The query has {texts.Count} statements; at most {MaxStatements} (one result table each) are accepted."));
            return (new QueryValidation(problems, texts.Count), []);
        }

        var parsed = _parser.Parse(sql);
        if (!parsed.Succeeded)
        {
            var construct = texts.Select(SqlText.LeadingKeyword).FirstOrDefault(k => k is not ("SELECT" or "WITH" or "FROM" or "VALUES" or "TABLE")) ?? "";
            problems.Add(parsed.ErrorMessage!.Contains("Only SELECT", StringComparison.Ordinal)
                ? new QueryProblem("statement", construct, $"Only SELECT statements can run{(construct.Length > 0 ? $"; {construct} is not allowed" : "")}.")
                : new QueryProblem("syntax", "", "The query could not be parsed: " + parsed.ErrorMessage));
            return (new QueryValidation(problems, texts.Count), []);
        }

        foreach (var statement in parsed.Statements)
        {
            var walker = new Walker(scope, problems);
            walker.Statement(statement);
            walker.CheckVariables();
            if (scope.Tier == OutputTier.AggregateStatistics) AggregateQueryAnalyzer.CheckShape(statement, scope, problems);
        }

        return (new QueryValidation(Distinct(problems), parsed.Statements.Count), parsed.Statements);
    }

    private static List<QueryProblem> Distinct(List<QueryProblem> problems) =>
        [.. problems.DistinctBy(p => (p.Code, p.Construct.ToUpperInvariant(), p.Message))];

    public void Dispose()
    {
        if (_ownsParser) _parser.Dispose();
    }

    /// <summary>One statement's walk: table references against the CTEs in scope, expressions, identifiers.</summary>
    private sealed class Walker
    {
        private static readonly IReadOnlySet<string> TableRefTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "BASE_TABLE", "JOIN", "SUBQUERY", "TABLE_FUNCTION", "EMPTY", "EXPRESSION_LIST",
        };

        private static readonly IReadOnlySet<string> QueryNodeTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE",
        };

        private readonly QueryScope _scope;
        private readonly List<QueryProblem> _problems;
        private readonly HashSet<string> _columnNames = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _definedNames = new(StringComparer.OrdinalIgnoreCase);

        public Walker(QueryScope scope, List<QueryProblem> problems)
        {
            _scope = scope;
            _problems = problems;
        }

        public void Statement(JsonObject statement)
        {
            if (statement["named_param_map"] is JsonArray parameters && parameters.Count > 0)
                Add("parameter", "$1", "Query parameters ($1, ?) are not supported: write the values into the query.");
            Visit(statement["node"], ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase));
        }

        private void Visit(JsonNode? node, ImmutableHashSet<string> ctes)
        {
            switch (node)
            {
                case JsonArray array:
                    foreach (var item in array) Visit(item, ctes);
                    return;
                case not JsonObject:
                    return;
            }

            var obj = node.AsObject();
            if (obj["cte_map"]?["map"] is JsonArray map)
            {
                foreach (var entry in map.OfType<JsonObject>())
                {
                    var name = SqlTree.Text(entry, "key");
                    Reserved(name, "CTE name");
                    _definedNames.Add(name);
                    if (entry["value"]?["aliases"] is JsonArray aliases)
                    {
                        foreach (var alias in aliases) _definedNames.Add(alias!.GetValue<string>());
                    }

                    ctes = ctes.Add(name);
                }
            }

            if (SqlTree.IsExpression(obj))
            {
                Expression(obj);
            }
            else if (obj.ContainsKey("sample") && obj.ContainsKey("alias") && !obj.ContainsKey("modifiers"))
            {
                TableRef(obj, ctes);
            }
            else if (obj.ContainsKey("modifiers") && obj.ContainsKey("cte_map"))
            {
                var type = SqlTree.Type(obj) ?? "";
                if (!QueryNodeTypes.Contains(type)) Add("construct", type, $"The query construct {type} is not supported in the visiting environment.");
                if (type == "RECURSIVE_CTE_NODE") ctes = ctes.Add(SqlTree.Text(obj, "cte_name"));
            }

            foreach (var (_, child) in obj) Visit(child, ctes);
        }

        private void TableRef(JsonObject table, ImmutableHashSet<string> ctes)
        {
            var type = SqlTree.Type(table) ?? "";
            var alias = SqlTree.Text(table, "alias");
            if (alias.Length > 0)
            {
                Reserved(alias, "alias");
                _definedNames.Add(alias);
            }

            if (table["column_name_alias"] is JsonArray columnAliases)
            {
                foreach (var a in columnAliases) _definedNames.Add(a!.GetValue<string>());
            }

            if (!TableRefTypes.Contains(type))
            {
                Add("construct", type, type switch
                {
                    "PIVOT" => "PIVOT and UNPIVOT are not supported in the visiting environment: use GROUP BY (with FILTER clauses for columns).",
                    "SHOW_REF" => "DESCRIBE, SHOW and SUMMARIZE are not allowed: the permit's tables and variables are listed beside the editor.",
                    _ => $"The FROM clause construct {type} is not supported in the visiting environment.",
                });
                return;
            }

            if (table["at_clause"] is JsonObject) Add("time-travel", "AT", "Time travel (AT …) is not supported: a run reads the tables' current version.");
            if (table["sample"] is JsonObject && _scope.Tier == OutputTier.AggregateStatistics)
                Add("sample", "USING SAMPLE", "USING SAMPLE / TABLESAMPLE is not allowed for aggregate statistics: the disclosure checks must see exactly the rows behind each published number.");

            switch (type)
            {
                case "BASE_TABLE":
                    BaseTable(table, ctes);
                    break;
                case "TABLE_FUNCTION":
                    var function = table["function"] as JsonObject;
                    var name = function is null ? "?" : SqlTree.Text(function, "function_name");
                    if (!SqlFunctions.AllowedTableFunctions.Contains(name))
                    {
                        Add("table-function", name + "()",
                            $"The table function {name}() is not allowed: it reads files, the network or the engine's catalogue. A run may only read the permit's tables: {TableList()}.");
                    }

                    break;
                case "JOIN":
                    if (SqlTree.Text(table, "ref_type") == "NATURAL" && _scope.Tier == OutputTier.AggregateStatistics)
                        Add("natural-join", "NATURAL JOIN", "NATURAL JOIN is not supported for aggregate statistics: name the join columns with JOIN … USING (…) or ON.");
                    break;
            }
        }

        private void BaseTable(JsonObject table, ImmutableHashSet<string> ctes)
        {
            var name = SqlTree.Text(table, "table_name");
            var schema = SqlTree.Text(table, "schema_name");
            var catalog = SqlTree.Text(table, "catalog_name");
            if (schema.Length > 0 || catalog.Length > 0)
            {
                var full = string.Join('.', new[] { catalog, schema, name }.Where(s => s.Length > 0));
                Add("table", full, $"'{full}' is not one of the permit's tables: qualified names reach the engine's own catalogue. Only these tables can be read: {TableList()}.");
                return;
            }

            if (ctes.Contains(name)) return;
            if (_scope.Table(name) is not null) return;
            Reserved(name, "table name");
            if (name.IndexOfAny(['/', '\\', '.', ':', '*', '?']) >= 0)
            {
                Add("file", name, $"'{name}' is a file or URL: files and the network cannot be read in the visiting environment, only the permit's tables: {TableList()}.");
            }
            else if (_scope.DatasetTables?.Contains(name, StringComparer.OrdinalIgnoreCase) == true)
            {
                Add("table", name, $"The table '{name}' is not in the permit. The permit grants: {TableList()}.");
            }
            else
            {
                Add("table", name, $"There is no table '{name}' under this permit. The permit grants: {TableList()}.");
            }
        }

        private void Expression(JsonObject expression)
        {
            var alias = SqlTree.Text(expression, "alias");
            if (alias.Length > 0)
            {
                Reserved(alias, "alias");
                _definedNames.Add(alias);
            }

            switch (SqlTree.Class(expression))
            {
                case "FUNCTION":
                case "WINDOW":
                    var name = SqlTree.Text(expression, "function_name");
                    var schema = SqlTree.Text(expression, "schema");
                    var catalog = SqlTree.Text(expression, "catalog");
                    if (schema.Length > 0 || catalog.Length > 0)
                    {
                        Add("function", $"{schema}.{name}()", $"The function {schema}.{name}() is not allowed: call functions without a schema.");
                    }
                    else if (SqlFunctions.DeniedScalarFunctions.Contains(name))
                    {
                        Add("function", name + "()", $"The function {name}() is not allowed in the visiting environment: it reads the environment, settings or engine state.");
                    }
                    else if (SqlFunctions.Nondeterministic.Contains(name) && _scope.Tier == OutputTier.AggregateStatistics)
                    {
                        Add("function", name + "()", $"The function {name}() is not allowed for aggregate statistics: its value changes between evaluations, so the disclosure checks could not describe the output exactly.");
                    }

                    break;
                case "PARAMETER":
                    Add("parameter", "$" + SqlTree.Text(expression, "identifier"), "Query parameters ($1, ?) are not supported: write the values into the query.");
                    break;
                case "COLUMN_REF":
                    foreach (var part in SqlTree.ColumnNames(expression))
                    {
                        Reserved(part, "name");
                        _columnNames.Add(part);
                    }

                    break;
                case "LAMBDA":
                    foreach (var p in SqlTree.Objects(expression["lhs"]).Where(o => SqlTree.Class(o) == "COLUMN_REF"))
                    {
                        foreach (var part in SqlTree.ColumnNames(p)) _definedNames.Add(part);
                    }

                    break;
            }
        }

        /// <summary>Names that are variables of a permitted table but not granted, and not defined by the query itself.</summary>
        public void CheckVariables()
        {
            var granted = _scope.Tables.SelectMany(t => t.Variables).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var name in _columnNames.Order(StringComparer.Ordinal))
            {
                if (granted.Contains(name) || _definedNames.Contains(name) || _scope.Table(name) is not null) continue;
                var owners = _scope.Tables.Where(t => t.CatalogueVariables.Contains(name, StringComparer.OrdinalIgnoreCase)).Select(t => t.Name).ToList();
                if (owners.Count == 0) continue;
                Add("variable", $"{owners[0]}.{name}",
                    $"The variable '{name}' ({string.Join(", ", owners)}) is not in the permit. Granted variables: {string.Join("; ", _scope.Tables.Select(t => $"{t.Name}: {string.Join(", ", t.Variables)}"))}.");
            }
        }

        private void Reserved(string name, string what)
        {
            if (name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
                Add("reserved", name, $"The {what} '{name}' is reserved: names starting with {ReservedPrefix} belong to the visiting environment.");
        }

        private string TableList() => string.Join(", ", _scope.Tables.Select(t => t.Name));

        private void Add(string code, string construct, string message) => _problems.Add(new QueryProblem(code, construct, message));
    }
}
