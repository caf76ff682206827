using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.VisitingEnvironment.Shadow;

/// <summary>
/// The shadow statistics of one aggregate result table (<c>shadow/&lt;table&gt;.json</c> beside the result in the
/// airlock): per output row the persons and rows behind it and, per measure, the value and contribution statistics.
/// Written inside the sandbox, never shown to the researcher; <see cref="ToTableOutput"/> gives the disclosure checks
/// their input model.
/// </summary>
public sealed record ShadowTable
{
    public required string Table { get; init; }

    /// <summary>The dimension (GROUP BY) output columns, in output order.</summary>
    public required IReadOnlyList<string> Keys { get; init; }

    public required IReadOnlyList<ShadowMeasure> Measures { get; init; }

    public required IReadOnlyList<ShadowCell> Cells { get; init; }

    /// <summary>Whether persons were identified (always, for runs over person-level tables).</summary>
    public bool HasUnitId { get; init; } = true;

    /// <summary>The disclosure checks' table: keys, measures with dominance statistics, persons and rows per cell.</summary>
    public TableOutput ToTableOutput()
    {
        var builder = new TableOutputBuilder(Keys, HasUnitId);
        foreach (var m in Measures) builder.Measure(m.Name, m.Kind, m.Quantile);
        foreach (var cell in Cells)
        {
            var statistics = new MeasureStatistics[Measures.Count];
            for (var i = 0; i < Measures.Count; i++)
            {
                var s = cell.Measures[i];
                DominanceStatistics? dominance = MeasureColumn.IsDominanceKind(Measures[i].Kind)
                    ? new DominanceStatistics(s.Largest ?? 0, s.SecondLargest ?? 0, s.Total ?? 0, s.HasNegative)
                    : null;
                statistics[i] = new MeasureStatistics(s.Value, dominance, s.Observations, null, s.Contributors, s.HasMissing);
            }

            builder.Add([.. cell.Key.Select(KeyPart.Of)], cell.Persons, cell.Rows, statistics, cell.StructuralZero);
        }

        return builder.Build();
    }
}
