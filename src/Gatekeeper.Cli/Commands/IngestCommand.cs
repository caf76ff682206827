using System.CommandLine;
using System.Globalization;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Cli.Commands;

/// <summary><c>gatekeeper ingest &lt;dataset&gt; &lt;files…&gt;</c>: import holders' files, each atomically, and print where the reports are.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset id, e.g. dpp (a-z, 0-9, '-', '_')." };
        dataset.Validators.Add(r =>
        {
            if (!DataLayout.IsValidDatasetId(r.GetValueOrDefault<string>())) r.AddError("The dataset id must be 1-64 characters of a-z, 0-9, '-' or '_'.");
        });
        var files = new Argument<FileInfo[]>("files") { Description = "CSV files in the exchange format; the header says which record type each holds.", Arity = ArgumentArity.OneOrMore };
        files.AcceptExistingOnly();
        var dataFolder = new Option<DirectoryInfo>("--data-folder")
        {
            Description = "The data folder (keys, analysis tables, reports); default $GATEKEEPER_DATA or ./data.",
            DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("GATEKEEPER_DATA") is { Length: > 0 } env ? env : "data"),
        };
        var maxErrorRate = new Option<double>("--max-error-rate") { Description = "Refuse a file whose share of rejected rows exceeds this (0-1).", DefaultValueFactory = _ => 0.01 };
        maxErrorRate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN) r.AddError("--max-error-rate must be between 0 and 1, e.g. 0.01 for 1 %.");
        });
        var encoding = new Option<string>("--encoding") { Description = "Character encoding of the files.", DefaultValueFactory = _ => "auto" };
        encoding.AcceptOnlyFromAmong("utf-8", "shift_jis", "auto");
        var raw = new Option<string>("--raw") { Description = "What to do with each raw file after a committed import.", DefaultValueFactory = _ => "keep" };
        raw.AcceptOnlyFromAmong("keep", "delete", "encrypt");
        var memoryLimit = new Option<string>("--memory-limit") { Description = "DuckDB's memory limit while publishing (beyond it DuckDB spills to disk), e.g. 512MB.", DefaultValueFactory = _ => IngestOptions.Default.DuckDbMemoryLimit };
        memoryLimit.Validators.Add(r =>
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(r.GetValueOrDefault<string>() ?? "", "^[0-9]+(\\.[0-9]+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            {
                r.AddError("--memory-limit must be a size such as 512MB or 2GB.");
            }
        });
        var policies = new Option<DirectoryInfo?>("--policies") { Description = "Policies folder (purposes.yaml, ingest/coarsening.yaml); default: found above the working directory." };

        var command = new Command("ingest", "Validate, pseudonymise and import exchange-format CSV files into a dataset's analysis tables.")
        {
            dataset, files, dataFolder, maxErrorRate, encoding, raw, memoryLimit, policies,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var policyFolder = PolicyFolder.Locate(parse.GetValue(policies)?.FullName);
            if (policyFolder is null)
            {
                await Console.Error.WriteLineAsync("No policies folder found: pass --policies DIR (it needs purposes.yaml and ingest/coarsening.yaml).");
                return ExitCodes.BadInput;
            }

            CoarseningPolicy coarsening;
            IReadOnlySet<string> purposes;
            try
            {
                (coarsening, purposes) = PolicyFolder.Load(policyFolder);
            }
            catch (Exception ex) when (ex is InvalidDataException or Gatekeeper.Policies.PolicyLoadException)
            {
                await Console.Error.WriteLineAsync("Policy error: " + ex.Message);
                return ExitCodes.BadInput;
            }

            TextEncodings.TryParse(parse.GetValue(encoding), out var inputEncoding);
            var options = new IngestOptions
            {
                MaxErrorRate = parse.GetValue(maxErrorRate),
                Encoding = inputEncoding,
                RawFiles = Enum.Parse<RawFilePolicy>(parse.GetValue(raw)!, ignoreCase: true),
                DuckDbMemoryLimit = parse.GetValue(memoryLimit)!,
            };
            var folder = parse.GetValue(dataFolder)!.FullName;
            var importer = ExchangeImporter.CreateDefault(folder, coarsening, purposes);
            var id = parse.GetValue(dataset)!;
            Console.WriteLine($"Importing into dataset '{id}' in {folder}");
            var exit = ExitCodes.Ok;
            foreach (var file in parse.GetValue(files)!)
            {
                try
                {
                    var result = await importer.ImportAsync(id, file.FullName, options with { DisplayName = file.Name }, cancellationToken);
                    Print(file, result);
                    if (result.Outcome is ImportOutcome.Refused or ImportOutcome.Failed) exit = ExitCodes.Refused;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The importer published nothing and recorded the failure; the message is for the operator.
                    await Console.Error.WriteLineAsync($"{file.Name}: failed, nothing imported: {ex.Message}");
                    exit = ExitCodes.Refused;
                }
            }

            return exit;
        });
        return command;
    }

    private static void Print(FileInfo file, ImportResult result)
    {
        var r = result.Record;
        var c = CultureInfo.InvariantCulture;
        var outcome = r.Outcome switch
        {
            ImportOutcome.Committed => "committed",
            ImportOutcome.AlreadyImported => "already imported, nothing changed",
            ImportOutcome.Refused => "REFUSED, nothing imported",
            _ => "failed, nothing imported",
        };
        Console.WriteLine($"{file.Name}: {outcome}");
        if (r.Outcome != ImportOutcome.AlreadyImported)
        {
            Console.WriteLine(string.Create(c, $"  {r.Table ?? "unknown record type"} ({r.Encoding}): {r.Rows:N0} rows, {r.RejectedRows:N0} rejected ({r.ErrorRate:P2}; limit {r.MaxErrorRate:P2})"));
        }

        if (r.Outcome == ImportOutcome.Committed)
        {
            Console.WriteLine(string.Create(c, $"  published {r.PublishedRows:N0}; superseded by a later update_time of the same observation {r.SupersededRows:N0}; rows of earlier imports replaced {r.ReplacedRows:N0}"));
        }

        if (r.Message is not null) Console.WriteLine("  " + r.Message);
        Console.WriteLine($"  sha256 {r.Sha256}");
        if (r.ReportCsv is not null) Console.WriteLine($"  report: {r.ReportCsv}");
        if (r.ReportJson is not null) Console.WriteLine($"          {r.ReportJson}");
        if (result.Report is { Sample.Count: > 0 } report)
        {
            foreach (var e in report.Sample.Take(5)) Console.WriteLine(string.Create(c, $"    line {e.Line}, {e.Field} = '{e.Value}': {e.Rule}: {e.Message}"));
            if (report.ErrorCount > 5) Console.WriteLine(string.Create(c, $"    … {report.ErrorCount - 5:N0} more in the report"));
        }

        if (result.RawVaultPath is not null) Console.WriteLine($"  raw file encrypted to {result.RawVaultPath}");
    }
}
