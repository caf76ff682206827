using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.VisitingEnvironment.Privacy;
using Gatekeeper.VisitingEnvironment.Queries;
using Gatekeeper.VisitingEnvironment.Results;
using Gatekeeper.VisitingEnvironment.Shadow;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Enclave;

/// <summary>
/// One run inside the worker: open DuckDB, validate the query again, create the permit-scoped views, lock DuckDB
/// down, run each statement, write its result table (Parquet + CSV) and — for aggregate statistics — the shadow
/// statistics of every output cell, then the manifest. Everything it writes goes to the spec's output folder.
/// </summary>
public sealed class EnclaveEngine
{
    private readonly TimeProvider _time;

    public EnclaveEngine(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <param name="spec">The run.</param>
    /// <param name="processStart">When the worker process started, to report start-up time; null in-process.</param>
    /// <param name="cancellationToken">Checked between steps (the host kills the process for a hard stop).</param>
    public WorkerManifest Run(WorkerSpec spec, DateTimeOffset? processStart = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var run = new RunState(spec, _time, processStart);
        var manifest = run.Execute(cancellationToken);
        Write(spec.OutputFolder, manifest);
        return manifest;
    }

    public static void Write(string outputFolder, WorkerManifest manifest)
    {
        Directory.CreateDirectory(outputFolder);
        var path = Path.Combine(outputFolder, WorkerManifest.FileName);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(manifest, WorkerJson.Options));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>A refusal while running (output too large, a plan the shadow statistics cannot cover).</summary>
    private sealed class RefusedException(IReadOnlyList<QueryProblem> problems) : Exception(string.Join(" ", problems.Select(p => p.Message)))
    {
        public IReadOnlyList<QueryProblem> Problems { get; } = problems;
    }

    private sealed class RunState
    {
        private readonly WorkerSpec _spec;
        private readonly TimeProvider _time;
        private readonly DateTimeOffset? _processStart;
        private readonly SanitisedLog _log = new();
        private readonly Dictionary<string, double> _timings = new(StringComparer.Ordinal);
        private readonly Stopwatch _total = Stopwatch.StartNew();
        private readonly List<WorkerTableResult> _tables = [];
        private readonly QueryScope _scope;
        private string _duckDbVersion = "";

        public RunState(WorkerSpec spec, TimeProvider time, DateTimeOffset? processStart)
        {
            _spec = spec;
            _time = time;
            _processStart = processStart;
            _scope = new QueryScope(
                spec.Tier,
                [.. spec.Tables.Select(t => new PermittedTable(t.Name, t.Variables, t.CatalogueVariables))],
                spec.UnitColumn,
                spec.DatasetTables);
        }

        public WorkerManifest Execute(CancellationToken cancellationToken)
        {
            if (_processStart is { } start) _timings["start"] = Math.Max(0, (_time.GetUtcNow() - start).TotalMilliseconds);
            Directory.CreateDirectory(_spec.OutputFolder);
            try
            {
                return Steps(cancellationToken);
            }
            catch (RefusedException refused)
            {
                RemoveOutputs();
                _log.Write("refused: " + string.Join(", ", refused.Problems.Select(p => p.Code)));
                return Manifest(WorkerStatus.Refused, refused.Message, refused.Problems);
            }
            catch (DuckDBException e)
            {
                RemoveOutputs();
                var message = ErrorSanitiser.Sanitise(e.Message, _spec.Query);
                _log.Write("failed: " + message);
                return Manifest(WorkerStatus.Failed, Explain(message), []);
            }
        }

        private WorkerManifest Steps(CancellationToken cancellationToken)
        {
            var step = Stopwatch.StartNew();
            using var database = EnclaveDatabase.Open(_spec.Limits);
            _duckDbVersion = database.Version();
            Lap("open", step);

            using var parser = new DuckDbSqlParser(database.Connection);
            using var validator = new QueryValidator(parser);
            var (validation, statements) = validator.ValidateStatements(_spec.Query, _scope);
            Lap("validate", step);
            if (!validation.IsValid) throw new RefusedException(validation.Problems);
            _log.Write($"query accepted: {statements.Count} statement(s), tier {_spec.Tier}");

            database.CreateViews(_spec);
            database.LockDown(_spec.Tables.SelectMany(t => t.Parts));
            Lap("views", step);
            foreach (var table in _spec.Tables)
                _log.Write($"view {table.Name}: {table.Variables.Count} of {table.CatalogueVariables.Count} variables, {table.Parts.Count} part(s), version {table.Version}");
            _log.Write("engine locked: external access off, allowed paths = permit parts, configuration locked");

            using var writer = new ResultWriter();
            if (_spec.DifferentialPrivacy is { } dp)
            {
                if (statements.Count != 1) throw new RefusedException([new QueryProblem("dp-statements", $"{statements.Count} statements", "A DP run answers one statement.")]);
                _tables.Add(DpRelease(database, parser, writer, statements[0], dp));
            }

            for (var i = 0; i < (_spec.DifferentialPrivacy is null ? statements.Count : 0); i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = i == 0 ? "result" : $"result_{i + 1}";
                _tables.Add(_spec.Tier == OutputTier.AggregateStatistics
                    ? Aggregate(database, parser, writer, statements[i], i + 1, name)
                    : Rows(database, parser, writer, statements[i], i + 1, name));
            }

            var bytes = OutputBytes();
            if (bytes > _spec.Limits.MaxOutputBytes)
            {
                throw new RefusedException([new QueryProblem("output-bytes", $"{bytes:N0} bytes",
                    $"The results take {bytes:N0} bytes; the permit allows {_spec.Limits.MaxOutputBytes:N0}. Aggregate further or select fewer columns.")]);
            }

            _log.Write($"done: {_tables.Count} table(s), {bytes:N0} bytes");
            return Manifest(WorkerStatus.Succeeded, null, []);
        }

        private WorkerTableResult Rows(EnclaveDatabase database, DuckDbSqlParser parser, ResultWriter writer, JsonObject statement, int number, string name)
        {
            var step = Stopwatch.StartNew();
            var sql = parser.ToSql(statement);
            var described = database.Describe(sql);
            var written = ResultColumns.For(described);
            var sink = writer.Begin(written);
            using (var command = database.Connection.CreateCommand())
            {
                command.CommandText = ResultColumns.Projection(sql, described, written);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    LimitRows(sink.Rows + 1);
                    sink.Append(reader);
                }
            }

            Lap("query", step);
            var result = Save(writer, sink, name, number, sql, null, "rows");
            Lap("write", step);
            _log.Write($"{name}: {sink.Rows:N0} rows, {written.Count} columns");
            return result;
        }

        private WorkerTableResult Aggregate(EnclaveDatabase database, DuckDbSqlParser parser, ResultWriter writer, JsonObject statement, int number, string name)
        {
            var step = Stopwatch.StartNew();
            var verbatim = parser.ToSql(statement);
            var described = database.Describe(verbatim);
            var problems = new List<QueryProblem>();
            var plan = AggregateQueryAnalyzer.Plan(statement, _scope, parser, [.. described.Select(c => c.Name)], node => FromColumns(database, parser, node), problems);
            if (plan is null) throw new RefusedException(problems);
            foreach (var dimension in plan.Columns.Where(c => c.IsDimension))
            {
                var type = described[dimension.Position].Type;
                if (!ResultColumns.IsWritable(type))
                {
                    throw new RefusedException([new QueryProblem("dimension-type", dimension.Name,
                        $"The GROUP BY column {dimension.Name} is of type {type}: group by scalar values (text, numbers, dates), not lists or structs.")]);
                }
            }

            database.Execute($"CREATE TEMP TABLE {AggregatePlan.Stage1Table} AS {plan.Stage1Sql}");
            Lap("query", step);

            var written = ResultColumns.For(described);
            var sink = writer.Begin(written);
            var dimensions = plan.Columns.Where(c => c.IsDimension).OrderBy(c => c.Dimension).ToList();
            var measures = plan.Measures.ToList();
            var cells = new List<(string Key, string?[] Parts, double?[] Values)>();
            using (var command = database.Connection.CreateCommand())
            {
                command.CommandText = ResultColumns.Projection(plan.ResultSql, described, written);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    LimitRows(sink.Rows + 1);
                    var parts = new string?[dimensions.Count];
                    for (var d = 0; d < dimensions.Count; d++) parts[d] = KeyText(reader.GetValue(dimensions[d].Position), dimensions[d].Name);
                    var values = new double?[measures.Count];
                    for (var m = 0; m < measures.Count; m++) values[m] = Number(reader.GetValue(measures[m].Position));
                    cells.Add((Join(parts), parts, values));
                    sink.Append(reader);
                }
            }

            Lap("result", step);
            var statistics = CellStatistics(database, plan, dimensions.Count);
            database.Execute($"DROP TABLE {AggregatePlan.Stage1Table}");
            Lap("shadow", step);

            var shadowMeasures = measures.Select(m => new ShadowMeasure(m.Name, m.Call!.Kind, m.Call.Function, m.Call.Quantile, m.Call.CountsUnits)).ToList();
            var shadowCells = new List<ShadowCell>(cells.Count);
            foreach (var (key, parts, values) in cells)
            {
                if (!statistics.TryGetValue(key, out var s))
                {
                    throw new RefusedException([new QueryProblem("shadow", name,
                        "The shadow statistics could not be matched to the result's cells (a dimension's value differs between the two); the run is refused rather than released unchecked.")]);
                }

                var measureStatistics = measures.Select((m, i) => s.Measures[m.Call!.Index] with { Value = values[i] }).ToList();
                shadowCells.Add(new ShadowCell(parts, s.Persons, s.Rows, false, measureStatistics));
            }

            var shadow = new ShadowTable
            {
                Table = name,
                Keys = [.. dimensions.Select(d => written[d.Position].Name)],
                Measures = [.. shadowMeasures.Select((m, i) => m with { Name = written[measures[i].Position].Name })],
                Cells = shadowCells,
            };
            var shadowFile = Path.Combine("shadow", name + ".json");
            Directory.CreateDirectory(Path.Combine(_spec.OutputFolder, "shadow"));
            File.WriteAllText(Path.Combine(_spec.OutputFolder, shadowFile), JsonSerializer.Serialize(shadow, WorkerJson.Options));
            var result = Save(writer, sink, name, number, verbatim, shadowFile, plan.SinglePass ? "single-pass" : "two-pass");
            Lap("write", step);
            _log.Write($"{name}: {cells.Count:N0} cells, {dimensions.Count} dimension(s), {measures.Count} measure(s), {(plan.SinglePass ? "single-pass" : "two-pass")} plan{(plan.NumberedPersons ? ", persons joined by run number" : "")}");
            return result;
        }

        /// <summary>The measured source columns whose DuckDB type is an integer (from the binder, without reading data).</summary>
        private static HashSet<string> IntegerColumns(EnclaveDatabase database, DpQuerySpec spec)
        {
            var measured = spec.Measures.Where(m => m.Column is not null).Select(m => m.Column!).ToHashSet(StringComparer.Ordinal);
            return database.Describe($"SELECT * FROM {spec.Source} AS __gk_source")
                .Where(c => measured.Contains(c.Name) && IntegerTypes.Contains(c.Type))
                .Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        }

        private static readonly HashSet<string> IntegerTypes = new(StringComparer.OrdinalIgnoreCase) { "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" };

        /// <summary>
        /// The DP path: rebuild the plan the host paid for (same salt, same charge), run its rewritten SQL here in the
        /// locked engine, add the noise drawn ahead from the operating system's CSPRNG in a padded phase while the query ran
        /// (<see cref="DpNoiseAhead"/>), and write only the noisy
        /// release (result table + dp/result.json). The exact aggregates never leave this method.
        /// </summary>
        private WorkerTableResult DpRelease(EnclaveDatabase database, DuckDbSqlParser parser, ResultWriter writer, JsonObject statement, WorkerDpRequest dp)
        {
            var step = Stopwatch.StartNew();
            DpAggregatePlan plan;
            try
            {
                plan = dp.Plan();
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                throw new RefusedException([new QueryProblem("dp-plan", "plan", "The DP plan could not be rebuilt in the sandbox: " + e.Message)]);
            }

            // The noise is drawn on its own thread, in a padded phase, while the query below reads the data.
            using var noise = DpNoiseAhead.Start(plan, new DpTimingPad(TimeSpan.FromMilliseconds(dp.PaddingMs), _time), _spec.Limits.MaxOutputRows, _time);

            // In stages: the per-(person, group) totals once, then the bounding windows only if someone exceeds a cap.
            var statements = plan.Statements(IntegerColumns(database, plan.Spec));
            database.Execute($"CREATE TEMP TABLE {DpAggregateSql.PerPersonGroupTable} AS {statements.PerPersonGroup}");
            var overCaps = Convert.ToInt64(database.Scalar(statements.OverCapsCount), CultureInfo.InvariantCulture);
            var rows = new List<AggregateRow>();
            using (var command = database.Connection.CreateCommand())
            {
                command.CommandText = overCaps == 0 ? statements.WithinCaps : statements.Bounded;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var key = new List<string?>(plan.Spec.GroupColumns.Count);
                    var values = new Dictionary<string, System.Numerics.BigInteger>(StringComparer.Ordinal);
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.GetValue(i);
                        if (i < plan.Spec.GroupColumns.Count) key.Add(value as string);
                        else values[reader.GetName(i)] = value is System.Numerics.BigInteger b ? b : new System.Numerics.BigInteger(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    }

                    rows.Add(new AggregateRow(new Disclosure.Privacy.Bounding.GroupKey(key), values));
                }
            }

            database.Execute($"DROP TABLE {DpAggregateSql.PerPersonGroupTable}");
            Lap("query", step);
            var result = DpAggregateReleaser.Release(plan, rows, noise.Complete(rows.Count));
            rows.Clear();
            Lap("release", step);
            _timings["noise"] = noise.PaddedDuration.TotalMilliseconds;
            LimitRows(result.Rows.Count);
            var table = DpReleaseFiles.Write(writer, result, _spec.OutputFolder, "result", parser.ToSql(statement), "dp");
            Lap("write", step);
            _log.Write($"result: DP release of {result.Rows.Count:N0} group(s), {plan.Spec.Measures.Count} statistic(s), cost {result.Cost}; noise drawn ahead in a phase padded to a multiple of {dp.PaddingMs} ms");
            return table;
        }

        private sealed record CellStats(long Persons, long Rows, ShadowMeasureStatistics[] Measures);

        private Dictionary<string, CellStats> CellStatistics(EnclaveDatabase database, AggregatePlan plan, int dimensions)
        {
            var result = new Dictionary<string, CellStats>(StringComparer.Ordinal);
            using var command = database.Connection.CreateCommand();
            command.CommandText = plan.CellStatisticsSql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var parts = new string?[dimensions];
                for (var d = 0; d < dimensions; d++) parts[d] = KeyText(reader.GetValue(d), $"dimension {d + 1}");
                var c = dimensions;
                var persons = Convert.ToInt64(reader.GetValue(c++), CultureInfo.InvariantCulture);
                var rows = Convert.ToInt64(reader.GetValue(c++), CultureInfo.InvariantCulture);
                var measures = new ShadowMeasureStatistics[plan.Calls.Count];
                foreach (var call in plan.Calls)
                {
                    var observations = Convert.ToInt64(reader.GetValue(c++), CultureInfo.InvariantCulture);
                    var contributors = Convert.ToInt64(reader.GetValue(c++), CultureInfo.InvariantCulture);
                    var missing = reader.GetBoolean(c++);
                    if (call.NeedsContributions)
                    {
                        var largest = Decimal(reader.GetValue(c++)) ?? 0m;
                        var top = reader.GetValue(c++) as System.Collections.IList;
                        var second = top is { Count: > 1 } ? Decimal(top[1]) ?? 0m : 0m;
                        var total = Decimal(reader.GetValue(c++)) ?? 0m;
                        var negative = reader.GetBoolean(c++);
                        measures[call.Index] = new ShadowMeasureStatistics(null, observations, contributors, missing, largest, second, total, negative);
                    }
                    else
                    {
                        measures[call.Index] = new ShadowMeasureStatistics(null, observations, contributors, missing);
                    }
                }

                result[Join(parts)] = new CellStats(persons, rows, measures);
            }

            return result;
        }

        private static IReadOnlySet<string>? FromColumns(EnclaveDatabase database, DuckDbSqlParser parser, JsonObject node)
        {
            try
            {
                var probe = SqlTree.Node(parser.Parse("SELECT * FROM __gk_probe").Statements[0]).DeepClone().AsObject();
                probe["cte_map"] = node["cte_map"]?.DeepClone();
                probe["from_table"] = node["from_table"]?.DeepClone();
                return database.Describe(parser.NodeToSql(probe)).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            }
            catch (DuckDBException)
            {
                return null;
            }
        }

        private WorkerTableResult Save(ResultWriter writer, ResultTableSink sink, string name, int number, string sql, string? shadowFile, string plan)
        {
            var parquet = Path.Combine("tables", name + ".parquet");
            var csv = Path.Combine("tables", name + ".csv");
            writer.Save(sink, Path.Combine(_spec.OutputFolder, parquet), Path.Combine(_spec.OutputFolder, csv));
            return new WorkerTableResult(name, number, sql, sink.Rows, sink.Columns, parquet, csv, shadowFile, plan);
        }

        private void LimitRows(long rows)
        {
            if (rows > _spec.Limits.MaxOutputRows)
            {
                throw new RefusedException([new QueryProblem("output-rows", $"> {_spec.Limits.MaxOutputRows:N0} rows",
                    $"The result has more than {_spec.Limits.MaxOutputRows:N0} rows, the permit's limit. Aggregate further or filter.")]);
            }
        }

        private long OutputBytes()
        {
            long bytes = 0;
            foreach (var folder in new[] { "tables", "shadow", DpReleaseFiles.Folder }.Select(f => Path.Combine(_spec.OutputFolder, f)).Where(Directory.Exists))
                bytes += new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            return bytes;
        }

        private void RemoveOutputs()
        {
            foreach (var folder in new[] { "tables", "shadow", DpReleaseFiles.Folder }.Select(f => Path.Combine(_spec.OutputFolder, f)).Where(Directory.Exists))
                Directory.Delete(folder, recursive: true);
            _tables.Clear();
        }

        private void Lap(string name, Stopwatch step)
        {
            _timings[name] = _timings.GetValueOrDefault(name) + step.Elapsed.TotalMilliseconds;
            step.Restart();
        }

        private WorkerManifest Manifest(WorkerStatus status, string? message, IReadOnlyList<QueryProblem> problems)
        {
            _timings["total"] = _total.Elapsed.TotalMilliseconds + _timings.GetValueOrDefault("start");
            return new WorkerManifest
            {
                RunId = _spec.RunId,
                Status = status,
                Message = message,
                Problems = problems,
                Tables = [.. _tables],
                TimingsMs = new Dictionary<string, double>(_timings),
                Log = _log.Lines,
                DuckDbVersion = _duckDbVersion,
            };
        }

        private string Explain(string message)
        {
            if (message.StartsWith("Out of Memory Error", StringComparison.Ordinal))
            {
                // DuckDB's advice after the first line (SET memory_limit, temp_directory …) is not the researcher's to follow.
                return $"The query needed more memory than the permit allows ({_spec.Limits.MemoryLimitMb:N0} MB): {message.Split('\n')[0].Trim()}";
            }

            if (message.StartsWith("Permission Error", StringComparison.Ordinal))
                return "The query tried to read a file or the network, which the visiting environment does not allow: " + message;
            return "The query failed: " + message;
        }

        private static string? KeyText(object? value, string column) =>
            CellKeyText.TryFormat(value, out var text)
                ? text
                : throw new RefusedException([new QueryProblem("dimension-type", column, $"The GROUP BY column {column} is not a scalar value: group by text, numbers or dates.")]);

        private static string Join(string?[] parts) => string.Join('\u001f', parts.Select(p => p is null ? "\u0000" : "\u0001" + p));

        private static double? Number(object? value) => value switch
        {
            null or DBNull => null,
            System.Numerics.BigInteger b => (double)b,
            bool => null,
            IConvertible c when value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal =>
                c.ToDouble(CultureInfo.InvariantCulture),
            _ => null,
        };

        private static decimal? Decimal(object? value)
        {
            try
            {
                return value switch
                {
                    null or DBNull => null,
                    decimal d => d,
                    System.Numerics.BigInteger b => (decimal)b,
                    double d when double.IsFinite(d) => (decimal)d,
                    float f when float.IsFinite(f) => (decimal)f,
                    IConvertible c when value is sbyte or byte or short or ushort or int or uint or long or ulong => c.ToDecimal(CultureInfo.InvariantCulture),
                    _ => throw new OverflowException(),
                };
            }
            catch (OverflowException)
            {
                throw new RefusedException([new QueryProblem("contribution", "sum",
                    "A per-person contribution total is too large or not finite to check for dominance; the run is refused rather than released unchecked.")]);
            }
        }
    }
}
