using System.CommandLine;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Cli.Check;

/// <summary>
/// <c>gatekeeper check --data NAME=FILE … [--unit-id COLUMN] --sql "SELECT … GROUP BY …" [--policy FILE] --format json|text</c>:
/// runs an aggregate query with shadow statistics exactly as the visiting environment does and prints the disclosure
/// verdict. A stable contract (docs/disclosure-control.md): exit 0 pass, 1 fail or review, 2 bad input.
/// </summary>
internal static class CheckCommand
{
    /// <summary>The shipped default policy, copied beside the tool.</summary>
    public static string DefaultPolicyPath => Path.Combine(AppContext.BaseDirectory, "policies", "disclosure", "default.yaml");

    public static Command Create()
    {
        var data = new Option<string[]>("--data")
        {
            Description = "A table for the query: NAME=FILE.csv or NAME=FILE.parquet (repeat for more tables).",
            Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false,
        };
        var unitId = new Option<string?>("--unit-id") { Description = "Column identifying the person (the counting unit); without it each row counts as one unit." };
        var sql = new Option<string>("--sql") { Description = "One aggregate SELECT (GROUP BY dimensions, aggregate measures) in DuckDB's dialect.", Required = true };
        var policy = new Option<FileInfo>("--policy") { Description = "Disclosure policy YAML; default: the shipped default policy (policies/disclosure/default.yaml)." };
        policy.AcceptExistingOnly();
        var format = new Option<string>("--format") { Description = "Output: json (the contract's object) or text (for people).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text");

        var command = new Command("check", "Run an aggregate query on local files with shadow statistics and print its statistical disclosure control verdict.")
        {
            data, unitId, sql, policy, format,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var inputs = new List<CheckInput>();
            foreach (var text in parse.GetValue(data) ?? [])
            {
                var (input, problem) = CheckInput.Parse(text);
                if (problem is not null) return BadInput(error, problem);
                if (inputs.Exists(i => string.Equals(i.Name, input!.Name, StringComparison.OrdinalIgnoreCase)))
                    return BadInput(error, $"--data: the table name '{input!.Name}' is given twice.");
                inputs.Add(input!);
            }

            var query = parse.GetValue(sql) ?? "";
            if (string.IsNullOrWhiteSpace(query)) return BadInput(error, "--sql: the query is empty.");
            var unit = parse.GetValue(unitId);
            if (unit is not null && string.IsNullOrWhiteSpace(unit)) return BadInput(error, "--unit-id: the column name is empty.");

            DisclosurePolicy loaded;
            var policyPath = parse.GetValue(policy)?.FullName ?? DefaultPolicyPath;
            try
            {
                loaded = DisclosurePolicyLoader.Load(policyPath);
            }
            catch (Exception e) when (e is DisclosurePolicyException or IOException or UnauthorizedAccessException)
            {
                return BadInput(error, $"--policy: {e.Message}");
            }

            using var check = new LocalCheck();
            var outcome = check.Run(inputs, unit, query, loaded);
            if (outcome.Problem is not null) return BadInput(error, outcome.Problem);
            var verdict = outcome.Verdict!;
            if (parse.GetValue(format) == "json") output.WriteLine(VerdictJsonWriter.ToJson(verdict, options: new VerdictJsonOptions { Indented = true }));
            else VerdictText.Write(output, verdict);
            return verdict.Status == CheckStatus.Pass ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    private static int BadInput(TextWriter error, string message)
    {
        error.WriteLine($"gatekeeper check: {message}");
        return ExitCodes.BadInput;
    }
}
