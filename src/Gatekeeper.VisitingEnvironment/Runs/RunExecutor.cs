using System.Diagnostics;
using System.Text.Json;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.VisitingEnvironment.Privacy;
using Gatekeeper.VisitingEnvironment.Queries;
using Gatekeeper.VisitingEnvironment.Results;
using Gatekeeper.VisitingEnvironment.Sandbox;
using Gatekeeper.VisitingEnvironment.Shadow;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>
/// The host side of a run: check the sandbox and the permit's expiry, validate the query, pin the permit tables'
/// current versions, write the consent-filtered persons file with per-permit pseudonyms and the worker spec, start
/// the worker in the sandbox under the permit's limits, kill it at the wall-clock limit, and read the results and
/// shadow statistics back from the airlock folder.
/// </summary>
public sealed class RunExecutor : IRunExecutor, IDisposable
{
    private readonly VisitingEnvironmentOptions _options;
    private readonly AnalysisStore _store;
    private readonly SandboxProbe _probe;
    private readonly RunPersons _persons;
    private readonly TimeProvider _time;
    private readonly IPrivacyBudgetLedger? _ledger;
    private readonly QueryValidator _validator = new();
    private readonly SemaphoreSlim _validatorGate = new(1, 1);
    private readonly Lock _poolGate = new();
    private WarmWorkerPool? _pool;

    public RunExecutor(
        VisitingEnvironmentOptions options,
        AnalysisStore store,
        IConsentRegistry consent,
        IKeyProvider keys,
        SandboxProbe? probe = null,
        TimeProvider? time = null,
        IPrivacyBudgetLedger? ledger = null)
    {
        var problems = options.Check();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _options = options;
        _store = store;
        _probe = probe ?? new SandboxProbe(options);
        _time = time ?? TimeProvider.System;
        _ledger = ledger;
        _persons = new RunPersons(options.PersonsCacheFolder ?? Path.Combine(options.RunsFolder, ".persons"), store.Layout, consent, keys);
    }

    public SandboxStatus Sandbox => _probe.Status;

    public async Task<QueryValidation> ValidateAsync(RunSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var catalogue = await CatalogueAsync(spec, cancellationToken);
        if (catalogue.Problems.Count > 0) return new QueryValidation(catalogue.Problems, 0);
        var validation = await ValidateAsync(spec.Query, catalogue.Scope, cancellationToken);
        if (!validation.IsValid || spec.DifferentialPrivacy is not { } dp) return validation;

        // A DP dataset: also whether the query can be made DP (no spend, no data).
        var (_, problems) = PlanDp(spec, dp, catalogue);
        return problems.Count == 0 ? validation : new QueryValidation(problems, validation.StatementCount);
    }

    /// <summary>The validated query translated and planned as a DP aggregate from its parse tree alone, or the problems naming why it cannot be.</summary>
    private static (DpAggregatePlan? Plan, IReadOnlyList<QueryProblem> Problems) PlanDp(RunSpec spec, DpRunSettings dp, Catalogue catalogue)
    {
        var problems = new List<QueryProblem>();
        using var parser = new DuckDbSqlParser();
        using var validator = new QueryValidator(parser);
        var (validation, statements) = validator.ValidateStatements(spec.Query, catalogue.Scope);
        if (!validation.IsValid) return (null, validation.Problems);
        var query = DpQueryTranslator.Translate(statements, parser, catalogue.Scope, dp.Policy, problems);
        if (query is null) return (null, problems);
        try
        {
            return (DpAggregatePlanner.Plan(query), []);
        }
        catch (ArgumentException e)
        {
            return (null, [new QueryProblem("dp-plan", "query", "The query cannot be made differentially private: " + e.Message)]);
        }
    }

    public async Task<RunOutcome> ExecuteAsync(RunSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!RunSpec.IsValidRunId(spec.RunId)) throw new ArgumentException($"Run id '{spec.RunId}' must be 1-64 letters, digits, '-' or '_'.", nameof(spec));
        var limitProblems = spec.Limits.Check();
        if (limitProblems.Count > 0) throw new ArgumentException("Run limits: " + string.Join(" ", limitProblems), nameof(spec));
        var runFolder = Path.Combine(Path.GetFullPath(_options.RunsFolder), spec.RunId);
        if (Directory.Exists(runFolder)) throw new InvalidOperationException($"Run {spec.RunId} has run before (its folder {runFolder} exists); give each run a new id.");

        var total = Stopwatch.StartNew();
        var context = new Context(spec, _probe.Status, total);
        if (!context.Sandbox.CanRun) return context.Outcome(RunStatus.Refused, context.Sandbox.Reason);
        var now = _time.GetUtcNow();
        if (spec.PermitValidUntil is { } until && now > until)
            return context.Outcome(RunStatus.Refused, $"The permit {spec.PermitId} expired on {until:yyyy-MM-dd HH:mm} UTC; runs under it are refused.");

        // Prepare: catalogue, validation, pinned versions, persons, spec.
        var phase = Stopwatch.StartNew();
        var catalogue = await CatalogueAsync(spec, cancellationToken);
        if (catalogue.Problems.Count > 0) return context.Outcome(RunStatus.Refused, string.Join(Environment.NewLine, catalogue.Problems.Select(p => p.Message)), catalogue.Problems);
        var catalogueTime = phase.Elapsed;
        var validation = await ValidateAsync(spec.Query, catalogue.Scope, cancellationToken);
        if (!validation.IsValid) return context.Outcome(RunStatus.Refused, validation.Message, validation.Problems);
        var validationTime = phase.Elapsed - catalogueTime;
        if (spec.DifferentialPrivacy is null) return await LaunchAsync(spec, context, catalogue, now, runFolder, null, phase, catalogueTime, validationTime, cancellationToken);

        // DP: plan and pay before any data is touched (no persons file, no worker); a cached answer needs neither.
        var paid = await PayForDpAsync(spec, spec.DifferentialPrivacy, catalogue, context, runFolder, cancellationToken);
        if (paid.Outcome is { } settled) return settled;
        RunOutcome outcome;
        try
        {
            outcome = await LaunchAsync(spec, context, catalogue, now, runFolder, paid.Request, phase, catalogueTime, validationTime, cancellationToken);
        }
        catch
        {
            await _ledger!.AbandonAsync(spec.DifferentialPrivacy.LedgerAccount, paid.Key!, CancellationToken.None);
            throw;
        }

        return await SettleDpAsync(spec, spec.DifferentialPrivacy, paid, outcome);
    }

    private async Task<RunOutcome> LaunchAsync(RunSpec spec, Context context, Catalogue catalogue, DateTimeOffset now, string runFolder, WorkerDpRequest? dp,
        Stopwatch phase, TimeSpan catalogueTime, TimeSpan validationTime, CancellationToken cancellationToken)
    {
        var total = context.Total;
        var worker = WorkerLocator.FindWorker(_options.WorkerAssembly);
        var dotnet = WorkerLocator.FindDotnet(_options.DotnetHost);
        if (worker is null || dotnet is null)
        {
            return context.Outcome(RunStatus.Failed, worker is null
                ? "The visiting environment's worker (Gatekeeper.Enclave.dll) was not found: build it, or set VisitingEnvironment:WorkerAssembly."
                : "The dotnet host was not found: set VisitingEnvironment:DotnetHost.");
        }

        var sandboxed = context.Sandbox.Mode == SandboxMode.Sandboxed;
        var addressSpace = (spec.Limits.MemoryMb + (long)_options.AddressSpaceHeadroomMb + _options.WorkerHeapMb) * 1024 * 1024;
        var fileSize = spec.Limits.MaxOutputBytes + (4L * 1024 * 1024);
        var output = Path.Combine(runFolder, "out");
        var pool = sandboxed ? Pool(worker, dotnet) : null;
        var warm = pool?.TryTake(addressSpace, fileSize);
        if (pool?.LastFailure is { } failure) context.Log.Add("host: " + failure);
        var input = warm?.Input ?? Path.Combine(runFolder, "in");
        var workerOutput = warm?.Output ?? output;
        Directory.CreateDirectory(runFolder);
        Directory.CreateDirectory(input);
        Directory.CreateDirectory(workerOutput);
        try
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            var tables = new List<WorkerTable>();
            var personTables = new List<(string, string, IReadOnlyList<string>)>();
            foreach (var table in catalogue.Tables)
            {
                var parts = table.Parts.Select(p => sandboxed ? SandboxLayout.Part(table.Name, p) : p).ToList();
                if (sandboxed)
                {
                    foreach (var p in table.Parts) files[p] = SandboxLayout.Part(table.Name, p);
                }

                tables.Add(new WorkerTable(table.Name, parts, table.Variables, table.CatalogueVariables, table.HasUnit, table.Version, table.PersonNumbers));
                if (table.HasUnit) personTables.Add((table.Name, table.Version, table.Parts));
                context.Versions[table.Name] = table.Version;
            }

            if (warm is not null && !LinkParts(warm, files))
            {
                context.Log.Add("host: the permit's parts could not be hard-linked into a warm worker (another file system?); starting one for the run");
                warm.Dispose();
                warm = null;
                input = Path.Combine(runFolder, "in");
                workerOutput = output;
                Directory.CreateDirectory(input);
                Directory.CreateDirectory(output);
            }

            var persons = await _persons.WriteAsync(spec.DatasetId, spec.PermitId, spec.PurposeCode, now, personTables, spec.UnitColumn,
                Path.Combine(input, "persons.parquet"), cancellationToken);
            context.Included = persons.Included;
            context.Excluded = persons.Excluded;
            context.Log.Add($"host: catalogue {catalogueTime.TotalMilliseconds:0} ms, validation {validationTime.TotalMilliseconds:0} ms, " +
                            $"persons {(phase.Elapsed - catalogueTime - validationTime).TotalMilliseconds:0} ms ({persons.Included:N0} included, {persons.Excluded:N0} left out by consent); " +
                            (warm is not null ? "warm worker" : sandboxed ? "worker started for the run" : "unsandboxed worker"));
            var workerSpec = new WorkerSpec
            {
                RunId = spec.RunId,
                PermitId = spec.PermitId,
                DatasetId = spec.DatasetId,
                Tier = spec.Tier,
                Query = spec.Query,
                UnitColumn = spec.UnitColumn,
                Tables = tables,
                DatasetTables = catalogue.Scope.DatasetTables ?? [],
                PersonsFile = sandboxed ? $"{SandboxLayout.Input}/persons.parquet" : persons.Path,
                OutputFolder = sandboxed ? SandboxLayout.Output : output,
                Limits = warm is null
                    ? new WorkerLimits(spec.Limits.Threads, spec.Limits.MemoryMb, spec.Limits.MaxOutputRows, spec.Limits.MaxOutputBytes)
                    : new WorkerLimits(spec.Limits.Threads, spec.Limits.MemoryMb, spec.Limits.MaxOutputRows, spec.Limits.MaxOutputBytes, addressSpace, spec.Limits.CpuSeconds, fileSize),
                DifferentialPrivacy = dp,
            };
            var specPath = Path.Combine(input, WorkerSpec.FileName);
            await File.WriteAllTextAsync(specPath, JsonSerializer.Serialize(workerSpec, WorkerJson.Options), cancellationToken);
            context.Prepare = total.Elapsed;

            // Run the worker: the warm one waiting for its spec, or one started now.
            ProcessExit exit;
            if (warm is not null)
            {
                await warm.StartRunAsync($"{SandboxLayout.Input}/{WorkerSpec.FileName}", cancellationToken);
                exit = await WaitAsync(warm.Process, warm.Stdout, warm.Stderr, spec.Limits.WallClock, context, cancellationToken);
                Directory.Move(warm.Output, output);
            }
            else
            {
                var launch = new WorkerLaunch(
                    worker,
                    dotnet,
                    input,
                    output,
                    files,
                    sandboxed ? $"{SandboxLayout.Input}/{WorkerSpec.FileName}" : specPath,
                    AddressSpaceBytes: addressSpace,
                    CpuSeconds: spec.Limits.CpuSeconds,
                    FileSizeBytes: fileSize,
                    HeapBytes: (long)_options.WorkerHeapMb * 1024 * 1024,
                    TmpfsBytes: (long)_options.TmpfsMb * 1024 * 1024);
                using var process = await ProcessLauncher.StartAsync(sandboxed ? SandboxCommand.Sandboxed(launch, _options) : SandboxCommand.Unsandboxed(launch, _options));
                process.StandardInput.Close();
                exit = await WaitAsync(process, new WorkerOutput(process.StandardOutput), WarmWorkerPool.Tail(process.StandardError), spec.Limits.WallClock, context, cancellationToken);
            }

            context.Worker = total.Elapsed - context.Prepare;
            return await FinishAsync(exit, output, spec, context);
        }
        finally
        {
            if (warm is not null) warm.Dispose();
            else if (!_options.KeepRunInputs && Directory.Exists(input)) Directory.Delete(input, recursive: true);
            pool?.Fill(); // the next run's worker warms up now that this run no longer needs the cores
        }
    }

    private sealed record DpPayment(RunOutcome? Outcome, WorkerDpRequest? Request = null, QueryCacheKey? Key = null, string Charged = "", string Message = "");

    /// <summary>
    /// The DP run's host side before any data is touched: translate the validated query, plan it (cost known from the
    /// plan alone), and check-and-spend atomically in the permit's ledger. Refused (budget, plan) → an outcome and no
    /// worker; the same query paid before → its cached noisy answer written as the run's result, at no cost; spent →
    /// the plan for the worker.
    /// </summary>
    private async Task<DpPayment> PayForDpAsync(RunSpec spec, DpRunSettings dp, Catalogue catalogue, Context context, string runFolder, CancellationToken cancellationToken)
    {
        if (_ledger is null) return new DpPayment(context.Outcome(RunStatus.Refused, "This dataset requires differential privacy but the visiting environment has no privacy ledger; the run was refused before any data was read."));
        if (spec.Tier != OutputTier.AggregateStatistics)
        {
            return new DpPayment(context.Outcome(RunStatus.Refused, $"The dataset {spec.DatasetId} requires differential privacy: only aggregate statistics can be released from it.",
                [new QueryProblem("dp-tier", spec.Tier.ToString(), "Only aggregate statistics can be released from a dataset that requires differential privacy.")]));
        }

        var (plan, problems) = PlanDp(spec, dp, catalogue);
        if (plan is null) return new DpPayment(context.Outcome(RunStatus.Refused, string.Join(Environment.NewLine, problems.Select(p => p.Message)), problems));
        var account = await _ledger.GetAccountAsync(dp.LedgerAccount, cancellationToken);
        var cost = account is null || account.Cap.Model == plan.Charge.Model
            ? plan.Charge
            : PrivacyBudget.Charge(account.Cap.Model, plan.Loss, Disclosure.Privacy.Accounting.RationalMath.FromDecimal(dp.Policy.ConversionDelta ?? 0));
        foreach (var t in catalogue.Tables) context.Versions[t.Name] = t.Version;
        var tables = string.Join(";", context.Versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value));
        var key = plan.CacheKey(spec.DatasetId + ":" + tables, dp.PolicySha256);
        var spend = await _ledger.TrySpendAsync(dp.LedgerAccount, key, cost,
            $"DP run {spec.RunId} on {spec.DatasetId}: {string.Join(", ", plan.Spec.Measures.Select(m => m.Name))}" + (plan.Spec.GroupColumns.Count > 0 ? " by " + string.Join(", ", plan.Spec.GroupColumns) : ""),
            cancellationToken, spec.RunId);
        context.Log.Add($"host: DP plan {plan.Charge} ({cost} in the permit's budget); ledger: {spend.Outcome}");
        switch (spend.Outcome)
        {
            case SpendOutcome.Refused:
                return new DpPayment(context.Outcome(RunStatus.Refused, spend.Message, [new QueryProblem("dp-budget", cost.ToString(), spend.Message)], dp: new DpRunInfo(DpRunStatus.Refused, cost.ToString(), spend.Message, null)));
            case SpendOutcome.AlreadyPaid when spend.CachedAnswer is null:
                return new DpPayment(context.Outcome(RunStatus.Refused, spend.Message, [new QueryProblem("dp-pending", "query", spend.Message)], dp: new DpRunInfo(DpRunStatus.Pending, "0", spend.Message, null)));
            case SpendOutcome.AlreadyPaid:
                var cached = DpResult.FromJson(spend.CachedAnswer!);
                var output = Path.Combine(runFolder, "out");
                Directory.CreateDirectory(output);
                WorkerTableResult written;
                using (var writer = new ResultWriter())
                    written = DpReleaseFiles.Write(writer, cached, output, "result", spec.Query, "dp-cached");
                var table = new RunResultTable
                {
                    Name = written.Name, Sql = written.Sql, Rows = written.Rows, Plan = written.Plan,
                    ParquetPath = Path.Combine(output, written.ParquetFile), CsvPath = Path.Combine(output, written.CsvFile),
                    Data = ResultTableReader.Read(Path.Combine(output, written.ParquetFile)),
                    DpPath = Path.Combine(output, written.DpFile!), Dp = cached,
                };
                return new DpPayment(context.Outcome(RunStatus.Succeeded, spend.Message, tables: [table], outputFolder: output, dp: new DpRunInfo(DpRunStatus.Cached, "0", spend.Message, cached)));
            default:
                return new DpPayment(null, WorkerDpRequest.From(plan, dp.Policy.ReleasePaddingMs), key, cost.ToString(), spend.Message);
        }
    }

    /// <summary>After the worker: a release is recorded as the query's answer; anything else abandons the (kept) spend so the next ask pays again.</summary>
    private async Task<RunOutcome> SettleDpAsync(RunSpec spec, DpRunSettings dp, DpPayment paid, RunOutcome outcome)
    {
        if (outcome.Succeeded && outcome.Tables is [{ Dp: { } result }])
        {
            await _ledger!.RecordAnswerAsync(dp.LedgerAccount, paid.Key!, result.ToJson(), CancellationToken.None);
            return outcome with { Message = paid.Message, DifferentialPrivacy = new DpRunInfo(DpRunStatus.Released, paid.Charged, paid.Message, result) };
        }

        await _ledger!.AbandonAsync(dp.LedgerAccount, paid.Key!, CancellationToken.None);
        var note = $"The privacy budget spent on this run ({paid.Charged}) stays spent: data may have been read. Nothing was released.";
        return outcome with { Message = string.IsNullOrEmpty(outcome.Message) ? note : outcome.Message + " " + note, Log = [.. outcome.Log, $"host: run {spec.RunId}: DP spend kept, answer abandoned"] };
    }

    /// <summary>The warm-worker pool, started on first use when the sandbox works and warm workers are configured.</summary>
    private WarmWorkerPool? Pool(string worker, string dotnet)
    {
        if (_options.WarmWorkers == 0) return null;
        lock (_poolGate)
        {
            if (_pool is null)
            {
                _pool = new WarmWorkerPool(_options, worker, dotnet);
                _pool.Fill();
            }

            return _pool;
        }
    }

    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        if (Sandbox.Mode != SandboxMode.Sandboxed) return;
        var worker = WorkerLocator.FindWorker(_options.WorkerAssembly);
        var dotnet = WorkerLocator.FindDotnet(_options.DotnetHost);
        if (worker is null || dotnet is null || Pool(worker, dotnet) is not { } pool) return;
        await pool.WhenReadyAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Hard-links the permit's parts into the warm worker's data folder at their sandbox paths.</summary>
    private static bool LinkParts(WarmWorker warm, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (host, inside) in files)
        {
            var target = Path.Combine(warm.Data, Path.GetRelativePath(SandboxLayout.Data, inside));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!HardLink.TryCreate(host, target)) return false;
        }

        return true;
    }

    private async Task<RunOutcome> FinishAsync(ProcessExit exit, string output, RunSpec spec, Context context)
    {
        var manifestPath = Path.Combine(output, WorkerManifest.FileName);
        WorkerManifest? manifest = null;
        if (File.Exists(manifestPath) && new FileInfo(manifestPath).LinkTarget is null)
        {
            try
            {
                await using var stream = File.OpenRead(manifestPath);
                manifest = await JsonSerializer.DeserializeAsync<WorkerManifest>(stream, WorkerJson.Options);
            }
            catch (JsonException)
            {
                context.Log.Add("host: the worker's run.json is not a valid manifest");
            }
        }

        if (manifest is not null) context.Log.InsertRange(0, manifest.Log);
        if (exit.Stderr.Length > 0) context.Log.Add("worker stderr: " + ErrorSanitiser.Sanitise(exit.Stderr, spec.Query));
        context.WorkerPhases = manifest?.TimingsMs ?? new Dictionary<string, double>();

        if (exit.Cancelled)
        {
            RemoveResults(output);
            return context.Outcome(RunStatus.Cancelled, "The run was cancelled and its worker stopped.");
        }

        if (exit.TimedOut)
        {
            RemoveResults(output);
            return context.Outcome(RunStatus.Killed, $"The run took longer than the permit's limit of {Describe(spec.Limits.WallClock)} and was stopped.", stop: RunStopReason.WallClock);
        }

        var (status, stop, message) = Classify(exit.Code, manifest, spec.Limits);
        if (status != RunStatus.Succeeded || manifest is null)
        {
            RemoveResults(output);
            return context.Outcome(status, message, manifest?.Problems ?? [], stop);
        }

        var read = Stopwatch.StartNew();
        var tables = new List<RunResultTable>();
        foreach (var t in manifest.Tables)
        {
            // The manifest comes from inside the sandbox: its paths must stay inside the run's output folder.
            var parquet = Inside(output, t.ParquetFile);
            var csv = Inside(output, t.CsvFile);
            var shadowPath = t.ShadowFile is null ? null : Inside(output, t.ShadowFile);
            if (parquet is null || csv is null || (t.ShadowFile is not null && shadowPath is null) || !File.Exists(parquet))
            {
                RemoveResults(output);
                return context.Outcome(RunStatus.Failed, $"The worker's manifest names result files outside its output folder or missing ({t.Name}); nothing was kept.");
            }

            ShadowTable? shadow = null;
            if (shadowPath is not null)
            {
                try
                {
                    await using var stream = File.OpenRead(shadowPath);
                    shadow = await JsonSerializer.DeserializeAsync<ShadowTable>(stream, WorkerJson.Options);
                }
                catch (JsonException)
                {
                    shadow = null;
                }

                if (shadow is null || shadow.Cells.Count != t.Rows)
                {
                    RemoveResults(output);
                    return context.Outcome(RunStatus.Failed, $"The shadow statistics of {t.Name} are unreadable or do not match its rows; nothing was kept.");
                }
            }

            string? dpPath = null;
            DpResult? dp = null;
            if (t.DpFile is not null)
            {
                dpPath = Inside(output, t.DpFile);
                dp = dpPath is null || !File.Exists(dpPath) ? null : ReadRelease(dpPath);
                if (dp is null || dp.Rows.Count != t.Rows)
                {
                    RemoveResults(output);
                    return context.Outcome(RunStatus.Failed, $"The DP release of {t.Name} is unreadable or does not match its rows; nothing was kept.");
                }
            }
            else if (spec.DifferentialPrivacy is not null)
            {
                RemoveResults(output);
                return context.Outcome(RunStatus.Failed, $"The worker returned {t.Name} without its DP release; nothing was kept.");
            }

            tables.Add(new RunResultTable
            {
                DpPath = dpPath,
                Dp = dp,
                Name = t.Name,
                Sql = t.Sql,
                Data = ResultTableReader.Read(parquet),
                Rows = t.Rows,
                ParquetPath = parquet,
                CsvPath = csv,
                ShadowPath = shadowPath,
                Shadow = shadow,
                Plan = t.Plan,
            });
        }

        context.Read = read.Elapsed;
        return context.Outcome(RunStatus.Succeeded, null, tables: tables, outputFolder: output);
    }

    private static (RunStatus, RunStopReason, string) Classify(int code, WorkerManifest? manifest, RunLimits limits)
    {
        switch (code)
        {
            case 128 + 24:
                return (RunStatus.Killed, RunStopReason.CpuTime, $"The run used more than the permit's {limits.CpuSeconds:N0} CPU-seconds and was stopped.");
            case 128 + 25:
                return (RunStatus.Killed, RunStopReason.OutputSize, $"The run wrote more than the permit's {limits.MaxOutputBytes:N0} bytes of output and was stopped.");
            case 128 + 6 or 128 + 11 or 128 + 7:
                return (RunStatus.Killed, RunStopReason.Memory, $"The run exhausted the memory cap of its sandbox (DuckDB limit {limits.MemoryMb:N0} MB) and was stopped.");
            case 128 + 9:
                return (RunStatus.Killed, RunStopReason.Crashed, "The worker was killed by the kernel (the CPU-time hard limit or memory exhaustion).");
        }

        if (manifest is null) return (RunStatus.Failed, RunStopReason.Crashed, $"The worker ended without a result (exit code {code}).");
        return manifest.Status switch
        {
            WorkerStatus.Succeeded when code == WorkerExitCodes.Succeeded => (RunStatus.Succeeded, RunStopReason.None, ""),
            WorkerStatus.Refused => (RunStatus.Refused, RunStopReason.None, manifest.Message ?? "The run was refused."),
            _ when manifest.Message?.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase) == true
                || manifest.Message?.Contains("OutOfMemory", StringComparison.Ordinal) == true =>
                (RunStatus.Killed, RunStopReason.Memory, manifest.Message ?? ""),
            _ when manifest.Message?.Contains("File too large", StringComparison.OrdinalIgnoreCase) == true =>
                (RunStatus.Killed, RunStopReason.OutputSize, $"The run wrote more than the permit's {limits.MaxOutputBytes:N0} bytes of output and was stopped."),
            _ => (RunStatus.Failed, RunStopReason.None, manifest.Message ?? $"The worker failed (exit code {code})."),
        };
    }

    private sealed record ProcessExit(int Code, bool TimedOut, bool Cancelled, string Stderr);

    /// <summary>
    /// Waits for the worker to report that it is done (then stops it rather than wait for it to wind down: its files
    /// are complete, and nothing may change them while the host reads them) or to exit, for at most the wall clock.
    /// </summary>
    private static async Task<ProcessExit> WaitAsync(Process process, WorkerOutput stdout, Task<string> stderr, TimeSpan wallClock, Context context, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(wallClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var timedOut = false;
        var cancelled = false;
        int? reported = null;
        try
        {
            var exited = process.WaitForExitAsync(linked.Token);
            await Task.WhenAny(exited, stdout.Done.WaitAsync(linked.Token));
            linked.Token.ThrowIfCancellationRequested();
            if (!exited.IsCompleted) reported = await stdout.Done;
        }
        catch (OperationCanceledException)
        {
            timedOut = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            cancelled = !timedOut;
        }

        var untilDone = context.Elapsed;
        var stopping = Stopwatch.StartNew();
        if (!process.HasExited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited in the meantime.
            }
        }

        await process.WaitForExitAsync(CancellationToken.None);
        if (reported is not null)
        {
            context.Stop = stopping.Elapsed;
            context.Log.Add($"host: worker done at {untilDone.TotalMilliseconds:0} ms of the run; stopped and gone {stopping.Elapsed.TotalMilliseconds:0} ms later");
        }
        await stdout.Completion;
        if (stdout.Other.Length > 0) context.Log.Add("worker stdout: " + stdout.Other);
        var code = reported ?? (await stdout.Done) ?? process.ExitCode;
        if (timedOut || cancelled) code = process.ExitCode;
        return new ProcessExit(code, timedOut, cancelled, (await stderr).Trim());
    }

    private static string? Inside(string folder, string relative)
    {
        var root = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        if (new FileInfo(full).LinkTarget is not null) return null;
        for (var dir = Path.GetDirectoryName(full); dir is not null && dir.Length > root.Length; dir = Path.GetDirectoryName(dir))
        {
            if (new DirectoryInfo(dir).LinkTarget is not null) return null;
        }

        return full;
    }

    private static void RemoveResults(string output)
    {
        foreach (var folder in new[] { "tables", "shadow", DpReleaseFiles.Folder }.Select(f => Path.Combine(output, f)).Where(Directory.Exists))
            Directory.Delete(folder, recursive: true);
    }

    private static DpResult? ReadRelease(string path)
    {
        try
        {
            return DpResult.FromJson(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(TimeSpan time) =>
        time.TotalMinutes >= 1 ? $"{time.TotalMinutes:0.#} minutes" : $"{time.TotalSeconds:0.#} seconds";

    private async Task<QueryValidation> ValidateAsync(string query, QueryScope scope, CancellationToken cancellationToken)
    {
        await _validatorGate.WaitAsync(cancellationToken);
        try
        {
            return _validator.Validate(query, scope);
        }
        finally
        {
            _validatorGate.Release();
        }
    }

    private sealed record CatalogueTable(string Name, IReadOnlyList<string> Variables, IReadOnlyList<string> CatalogueVariables, bool HasUnit, string Version, IReadOnlyList<string> Parts, bool PersonNumbers);

    private sealed record Catalogue(QueryScope Scope, IReadOnlyList<CatalogueTable> Tables, IReadOnlyList<QueryProblem> Problems);

    /// <summary>The permit's tables at their current versions, with the catalogue's variables; problems if the permit and catalogue disagree.</summary>
    private async Task<Catalogue> CatalogueAsync(RunSpec spec, CancellationToken cancellationToken)
    {
        var problems = new List<QueryProblem>();
        var tables = new List<CatalogueTable>();
        if (!DataLayout.IsValidDatasetId(spec.DatasetId))
            problems.Add(new QueryProblem("dataset", spec.DatasetId, $"The dataset id '{spec.DatasetId}' is not valid."));
        var datasetTables = problems.Count == 0 ? _store.Tables(spec.DatasetId) : [];
        foreach (var table in problems.Count == 0 ? spec.Tables : [])
        {
            var entry = await _store.ReadCatalogueAsync(spec.DatasetId, table.Name, cancellationToken);
            var folder = _store.CurrentVersionFolder(spec.DatasetId, table.Name);
            var parts = _store.CurrentParts(spec.DatasetId, table.Name);
            if (entry is null || folder is null || parts.Count == 0)
            {
                problems.Add(new QueryProblem("table", table.Name, $"The permit's table '{table.Name}' has no published data in dataset {spec.DatasetId}."));
                continue;
            }

            var all = entry.Variables.Select(v => v.Name).ToList();
            var unknown = table.Variables.Where(v => !all.Contains(v, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                problems.Add(new QueryProblem("variable", $"{table.Name}.{unknown[0]}",
                    $"The permit grants {string.Join(", ", unknown)} of table '{table.Name}', which the catalogue does not have."));
                continue;
            }

            var granted = all.Where(v => table.Variables.Contains(v, StringComparer.Ordinal)).ToList();
            var hasUnit = all.Contains(spec.UnitColumn, StringComparer.Ordinal);
            var personNumbers = hasUnit && entry.PersonNumberColumn == PersonRegistry.Column;
            tables.Add(new CatalogueTable(table.Name, granted, all, hasUnit, Path.GetFileName(folder), parts, personNumbers));
        }

        if (tables.Count == 0 && problems.Count == 0) problems.Add(new QueryProblem("table", "", "The permit grants no tables."));
        var scope = new QueryScope(spec.Tier, [.. tables.Select(t => new PermittedTable(t.Name, t.Variables, t.CatalogueVariables))], spec.UnitColumn, datasetTables);
        return new Catalogue(scope, tables, problems);
    }

    public void Dispose()
    {
        lock (_poolGate) _pool?.Dispose();
        _validator.Dispose();
        _validatorGate.Dispose();
    }

    /// <summary>What a run has gathered so far, and how it becomes an outcome.</summary>
    private sealed class Context(RunSpec spec, SandboxStatus sandbox, Stopwatch total)
    {
        public Stopwatch Total { get; } = total;

        public SandboxStatus Sandbox { get; } = sandbox;

        public List<string> Log { get; } = [];

        public Dictionary<string, string> Versions { get; } = new(StringComparer.Ordinal);

        public int Included { get; set; }

        public int Excluded { get; set; }

        public TimeSpan Prepare { get; set; }

        public TimeSpan Worker { get; set; }

        public TimeSpan Read { get; set; }

        public TimeSpan Stop { get; set; }

        public TimeSpan Elapsed => Total.Elapsed;

        public IReadOnlyDictionary<string, double> WorkerPhases { get; set; } = new Dictionary<string, double>();

        public RunOutcome Outcome(
            RunStatus status,
            string? message,
            IReadOnlyList<QueryProblem>? problems = null,
            RunStopReason stop = RunStopReason.None,
            IReadOnlyList<RunResultTable>? tables = null,
            string? outputFolder = null,
            DpRunInfo? dp = null)
        {
            if (status != RunStatus.Succeeded) Log.Add($"host: run {spec.RunId} {status.ToString().ToLowerInvariant()}: {message}");
            return new RunOutcome
            {
                RunId = spec.RunId,
                Status = status,
                Message = message,
                StopReason = stop,
                Problems = problems ?? [],
                Tables = tables ?? [],
                Timings = new RunTimings(Prepare, Worker, Read, Total.Elapsed, WorkerPhases, Stop),
                Log = [.. Log],
                SandboxMode = Sandbox.Mode,
                OutputFolder = outputFolder,
                TableVersions = new Dictionary<string, string>(Versions),
                IncludedPersons = Included,
                ExcludedPersons = Excluded,
                DifferentialPrivacy = dp,
            };
        }
    }
}
