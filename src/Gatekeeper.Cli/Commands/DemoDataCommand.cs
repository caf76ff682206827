using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Gatekeeper.Ingest.Synthetic;

namespace Gatekeeper.Cli.Commands;

/// <summary><c>gatekeeper demo-data --participants N --seed S --out DIR</c>: the synthetic holders' files.</summary>
internal static class DemoDataCommand
{
    public static Command Create()
    {
        var participants = new Option<int>("--participants") { Description = "Number of participants (100,000 gives ~36 M activity rows).", DefaultValueFactory = _ => 2000 };
        participants.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000) r.AddError("--participants must be 1 to 10,000,000.");
        });
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed writes the same bytes.", DefaultValueFactory = _ => 20250401UL };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the holders' CSV files (one sub-folder per consortium).", Required = true };
        var command = new Command("demo-data", "Write synthetic diabetes-prevention programme data in the exchange format (CSV per consortium, some Shift_JIS).")
        {
            participants, seed, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new DemoDataOptions
            {
                Participants = parse.GetValue(participants),
                Seed = parse.GetValue(seed),
                OutputFolder = parse.GetValue(output)!.FullName,
            };
            var clock = Stopwatch.StartNew();
            var summary = await new DemoDataGenerator().GenerateAsync(options, cancellationToken);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"Wrote {summary.Participants:N0} participants (seed {summary.Seed}) to {options.OutputFolder} in {clock.Elapsed.TotalSeconds:0.0} s"));
            Console.WriteLine(string.Create(c, $"  groups: mild diabetes {summary.Groups[GlycaemicGroup.MildDiabetes]:N0}, pre-diabetes {summary.Groups[GlycaemicGroup.PreDiabetes]:N0}, healthy {summary.Groups[GlycaemicGroup.Healthy]:N0}; intervention arm {summary.Intervention:N0}"));
            Console.WriteLine(string.Create(c, $"  3-month HbA1c change of mild diabetics: intervention {summary.MeanChangeIntervention:+0.00;-0.00}, control {summary.MeanChangeControl:+0.00;-0.00}"));
            foreach (var (table, rows) in summary.Rows) Console.WriteLine(string.Create(c, $"  {table,-24} {rows,14:N0} rows"));
            Console.WriteLine(string.Create(c, $"  resent rows {summary.ResentRows:N0}, deliberately invalid rows {summary.InvalidRows:N0}, opt-outs {summary.OptOuts:N0}, refusals {summary.Refusals:N0}"));
            Console.WriteLine($"  manifest: {Path.Combine(options.OutputFolder, "manifest.json")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
