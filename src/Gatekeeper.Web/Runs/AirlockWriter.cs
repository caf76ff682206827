using System.Text.Json;
using Gatekeeper.Data;
using Gatekeeper.Data.Airlock;
using Gatekeeper.Data.Runs;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Runs;
using Gatekeeper.VisitingEnvironment.Runs;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// Moves a succeeded run's results from the visiting environment's run folder into quarantine,
/// <c>&lt;data&gt;/airlock/&lt;execution id&gt;/</c> (<c>tables/*.parquet|csv</c>, <c>shadow/*.json</c>, the worker's
/// <c>run.json</c>), writes the run's manifest <c>airlock.json</c> (query, permit, disclosure policy, table versions,
/// row counts, timings, sanitised log, consent counts), runs the automated disclosure check on every output and returns the
/// airlock records with every file's SHA-256 and the release request the outputs open.
/// </summary>
public sealed class AirlockWriter(DataFolder dataFolder, DisclosurePolicyCatalogue policies, Outputs.AutomatedOutputCheck checks)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<RunCompletion> StoreAsync(QueryRun run, DataPermit permit, RunOutcome outcome, CancellationToken cancellationToken)
    {
        var source = outcome.OutputFolder ?? throw new InvalidOperationException("A succeeded run has an output folder.");
        var relative = Path.Combine(AirlockService.Folder, run.ExecutionId!);
        var target = dataFolder.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true); // a previous attempt that never committed
        Directory.Move(source, target);

        DisclosurePolicy? policy;
        try
        {
            policy = policies.Select([run.DatasetId], permit.Tier);
        }
        catch (DisclosurePolicyException)
        {
            policy = null; // no automated policy for this tier: output checkers decide alone
        }

        var now = DateTimeOffset.UtcNow;
        var outputs = new List<RunOutput>();
        var tables = new List<object>();
        foreach (var table in outcome.Tables)
        {
            string Moved(string path) => Path.Combine(relative, Path.GetRelativePath(source, path));
            var parquet = Moved(table.ParquetPath);
            var csv = Moved(table.CsvPath);
            var shadow = table.ShadowPath is null ? null : Moved(table.ShadowPath);
            var dp = table.DpPath is null ? null : Moved(table.DpPath);
            var output = new RunOutput
            {
                RunId = run.Id,
                PermitId = permit.Id,
                Name = table.Name,
                Sql = table.Sql,
                Plan = table.Plan,
                Rows = table.Rows,
                ParquetFile = parquet,
                ParquetSha256 = await Sha256Async(parquet, cancellationToken),
                CsvFile = csv,
                CsvSha256 = await Sha256Async(csv, cancellationToken),
                ShadowFile = shadow,
                ShadowSha256 = shadow is null ? null : await Sha256Async(shadow, cancellationToken),
                Bytes = new FileInfo(dataFolder.Combine(parquet)).Length + new FileInfo(dataFolder.Combine(csv)).Length,
                CreatedAt = now,
            };
            outputs.Add(output);
            tables.Add(new
            {
                output.Id, output.Name, output.Sql, output.Plan, output.Rows,
                files = new { parquet = Path.GetFileName(parquet), csv = Path.GetFileName(csv), shadow = shadow is null ? null : Path.GetFileName(shadow), dp = dp is null ? null : Path.GetRelativePath(relative, dp) },
                sha256 = new { parquet = output.ParquetSha256, csv = output.CsvSha256, shadow = output.ShadowSha256, dp = dp is null ? null : await Sha256Async(dp, cancellationToken) },
                differentialPrivacy = table.Dp is null ? null : new { cost = table.Dp.Cost, table.Dp.Mechanisms, confidence = 0.95, cells = table.Dp.Rows.Sum(r => r.Cells.Count) },
            });
        }

        var manifest = new
        {
            run = new { run.Id, run.Number, run.ExecutionId, run.Attempt, run.RequesterId, run.RequesterOrganisationId, run.RequestedAt, run.StartedAt },
            permit = new { permit.Id, permit.Number, permit.Tier, purpose = permit.PurposeCategory, validUntil = permit.ValidUntil },
            dataset = run.DatasetId,
            query = run.Query,
            queryHash = run.QueryHash,
            policy = policy is null ? null : new { policy.Id, policy.Reference.Version, policy.Sha256 },
            tableVersions = outcome.TableVersions,
            persons = new { included = outcome.IncludedPersons, excludedByConsent = outcome.ExcludedPersons },
            sandbox = outcome.SandboxMode.ToString(),
            timings = new
            {
                prepareMs = outcome.Timings.Prepare.TotalMilliseconds,
                workerMs = outcome.Timings.Worker.TotalMilliseconds,
                readMs = outcome.Timings.Read.TotalMilliseconds,
                totalMs = outcome.Timings.Total.TotalMilliseconds,
                worker = outcome.Timings.WorkerPhases,
            },
            tables,
            differentialPrivacy = outcome.DifferentialPrivacy is not { } dpRun ? null : new { status = dpRun.Status.ToString(), charged = dpRun.Charged, ledger = dpRun.Message, ledgerAccount = permit.Id },
            log = outcome.Log,
            writtenAt = now,
        };
        var manifestPath = Path.Combine(target, AirlockService.ManifestFile);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
        await File.WriteAllBytesAsync(manifestPath, bytes, cancellationToken);
        var release = await checks.CheckAsync(run, permit, policy, outputs, relative, cancellationToken);
        return new RunCompletion
        {
            State = RunState.Succeeded,
            Message = $"{outputs.Count} result table(s), {outputs.Sum(o => o.Rows):N0} row(s), are in the airlock awaiting the output check."
                      + (outcome.DifferentialPrivacy is { } info ? " Differential privacy: " + info.Message : ""),
            DurationMs = (long)outcome.Timings.Total.TotalMilliseconds,
            SandboxMode = outcome.SandboxMode.ToString(),
            AirlockFolder = relative,
            ManifestSha256 = FileHashes.Sha256(bytes),
            PolicyVersion = policy is null ? null : $"{policy.Id} {policy.Reference.Version}",
            Outputs = outputs,
            Release = release,
        };
    }

    /// <summary>Removes a run's airlock folder that was never recorded (the worker lost its lease).</summary>
    public void Discard(string? relativeFolder)
    {
        if (relativeFolder is null) return;
        var folder = dataFolder.Combine(relativeFolder);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private Task<string> Sha256Async(string relative, CancellationToken cancellationToken) => FileHashes.Sha256Async(dataFolder.Combine(relative), cancellationToken);
}
