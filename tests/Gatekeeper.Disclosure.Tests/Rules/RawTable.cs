using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Tests.Rules;

/// <summary>A random table as raw per-person rows: the input a brute-force reference recomputes everything from.</summary>
public sealed record RawTable(IReadOnlyList<RawCell> Cells, int Threshold, int PPercent, int KPercent, int N)
{
    /// <summary>Shadow statistics the way the enclave computes them: per person totals, then top two and total.</summary>
    public TableOutput ToTable()
    {
        var builder = new TableOutputBuilder(["group"]).Measure("total", MeasureKind.Sum).Measure("rows", MeasureKind.Count);
        for (var i = 0; i < Cells.Count; i++)
        {
            var cell = Cells[i];
            var perPerson = cell.Persons.Select(p => p.Where(v => v is not null).Sum(v => v!.Value) / 100m).ToArray();
            var hasMissing = cell.Persons.Any(p => p.Any(v => v is null));
            var rows = cell.Persons.Sum(p => p.Count);
            var value = perPerson.Length == 0 ? (double?)null : (double)perPerson.Sum();
            builder.Add([$"g{i}"], cell.Persons.Count, rows, [new MeasureStatistics(value, DominanceStatistics.FromContributions(perPerson), HasMissing: hasMissing), new MeasureStatistics(rows)]);
        }

        return builder.Build();
    }
}

/// <summary>A cell: per person, their rows' values in cents (null = missing).</summary>
public sealed record RawCell(IReadOnlyList<IReadOnlyList<long?>> Persons);
