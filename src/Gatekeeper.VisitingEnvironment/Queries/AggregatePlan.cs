namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// How the worker computes an aggregate query and its shadow statistics. <see cref="Stage1Sql"/> groups the query's
/// rows by cell and person (one pass over the data) into <c>__gk_stage1</c>; <see cref="CellStatisticsSql"/> derives
/// per cell the persons, rows and each measure's contribution statistics from it. When every aggregate combines from
/// per-person partials (<see cref="SinglePass"/>), the published result itself is <see cref="ResultFromStage1Sql"/>,
/// the researcher's query rewritten over <c>__gk_stage1</c>; otherwise it is the researcher's query as written
/// (<see cref="VerbatimSql"/>), a second pass. <see cref="NumberedPersons"/>: stage 1 reads the views whose person
/// column is the run's person number (<see cref="NumberedPersonViews"/>).
/// </summary>
internal sealed record AggregatePlan(
    IReadOnlyList<OutputColumn> Columns,
    int DimensionCount,
    IReadOnlyList<AggregateCall> Calls,
    string VerbatimSql,
    string Stage1Sql,
    string CellStatisticsSql,
    string? ResultFromStage1Sql,
    bool NumberedPersons)
{
    public const string Stage1Table = "__gk_stage1";

    public bool SinglePass => ResultFromStage1Sql is not null;

    public string ResultSql => ResultFromStage1Sql ?? VerbatimSql;

    public IEnumerable<OutputColumn> Measures => Columns.Where(c => c.IsMeasure);

    public static string KeyColumn(int dimension) => $"__gk_k{dimension}";
}
