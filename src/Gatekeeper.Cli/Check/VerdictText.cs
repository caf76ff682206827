using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Cli.Check;

/// <summary>The verdict for people: the status, the policy, a count of cells, then every cell that did not pass with each rule's reason.</summary>
internal static class VerdictText
{
    public static void Write(TextWriter output, TableVerdict verdict)
    {
        output.WriteLine($"Status: {verdict.Status.ToText().ToUpperInvariant()}");
        output.WriteLine($"Policy: {verdict.Policy.Id} (sha256 {verdict.Policy.Sha256})");
        var passed = verdict.CellCount - verdict.FailedCellCount - verdict.ReviewCellCount;
        output.WriteLine($"Cells: {verdict.CellCount} — {passed} pass, {verdict.FailedCellCount} fail, {verdict.ReviewCellCount} review");
        foreach (var message in verdict.Messages) output.WriteLine($"Note: {message}");
        foreach (var finding in verdict.Findings.Where(f => f.Cell < 0))
            output.WriteLine($"Output: {finding.Rule.ToCode()} {finding.Outcome.ToText()}: {finding.Reason}");
        for (var cell = 0; cell < verdict.CellCount; cell++)
        {
            if (verdict.CellStatus(cell) == CheckStatus.Pass) continue;
            output.WriteLine();
            output.WriteLine($"{verdict.CellStatus(cell).ToText().ToUpperInvariant()}  {verdict.Table.KeyText(cell)}");
            foreach (var finding in verdict.FindingsFor(cell))
                output.WriteLine($"  {finding.Rule.ToCode()} ({finding.Outcome.ToText()}){(finding.Measure is null ? "" : $" [{finding.Measure}]")}: {finding.Reason}");
        }
    }
}
