using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Tests.Rules;

/// <summary>A random table as raw per-person rows: the input a brute-force reference recomputes everything from.</summary>
public sealed record RawTable(IReadOnlyList<RawCell> Cells, int Threshold, int PPercent, int KPercent, int N)
{
    /// <summary>Shadow statistics the way the enclave computes them: per person totals, then top two and total.</summary>
    public TableOutput ToTable()
    {
        var builder = new TableOutputBuilder(["group"]).Measure("total", MeasureKind.Sum).Measure("rows", MeasureKind.Count).Measure("sd", MeasureKind.StandardDeviation);
        for (var i = 0; i < Cells.Count; i++)
        {
            var cell = Cells[i];
            var perPerson = cell.Persons.Select(p => p.Where(v => v is not null).Sum(v => v!.Value) / 100m).ToArray();
            var hasMissing = cell.Persons.Any(p => p.Any(v => v is null));
            var rows = cell.Persons.Sum(p => p.Count);
            var value = perPerson.Length == 0 ? (double?)null : (double)perPerson.Sum();
            // A sample standard deviation is NULL below two observations, as in SQL.
            var observations = cell.Persons.Sum(p => p.Count(v => v is not null));
            var sd = new MeasureStatistics(observations >= 2 ? 1.0 : null, Observations: observations, HasMissing: hasMissing);
            builder.Add([$"g{i}"], cell.Persons.Count, rows, [new MeasureStatistics(value, DominanceStatistics.FromContributions(perPerson), HasMissing: hasMissing), new MeasureStatistics(rows), sd]);
        }

        return builder.Build();
    }
}
