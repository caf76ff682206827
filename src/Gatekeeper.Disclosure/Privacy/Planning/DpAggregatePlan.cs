using System.Globalization;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Privacy.Partitions;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// A planned DP aggregate: the DuckDB rewrite, the releases (shared noisy row count, one noisy sum per
/// summed column, partition selection), and what the whole query costs, known before any data is read.
/// </summary>
public sealed class DpAggregatePlan
{
    internal DpAggregatePlan(DpQuerySpec spec, string sql, string salt, CountMeasurement? rowCount, IReadOnlyList<PlannedMeasure> measures, ThresholdPartitionSelection? selection)
    {
        Spec = spec;
        Sql = sql;
        Salt = salt;
        RowCount = rowCount;
        Measures = measures;
        Selection = selection;
        IEnumerable<IMeasurement> releases = [.. rowCount is null ? [] : new IMeasurement[] { rowCount }, .. measures.Where(m => m.Sum is not null).Select(m => (IMeasurement)m.Sum!), .. selection is null ? [] : new IMeasurement[] { selection }];
        var list = releases.ToList();
        Loss = list.Aggregate(PrivacyLoss.None, (total, m) => total.Compose(m.Loss));
        if (spec.Allotment.Model == PrivacyBudgetModel.ZeroConcentratedDp) Loss = Loss.ToZcdp();
        Charge = PrivacyBudget.Charge(spec.Allotment.Model, Loss);
        Mechanisms = [.. list.SelectMany(m => m.Mechanisms.Select(d => $"{m.Name}: {d}"))];
    }

    public DpQuerySpec Spec { get; }

    /// <summary>The rewritten query (DuckDB dialect) whose rows <see cref="DpAggregateReleaser"/> turns into the release.</summary>
    public string Sql { get; }

    /// <summary>
    /// The rewrite in stages (see <see cref="DpAggregateStatements"/>), with the source columns known to hold integers;
    /// the same rows as <see cref="Sql"/>.
    /// </summary>
    public DpAggregateStatements Statements(IReadOnlySet<string> integerColumns) =>
        DpAggregateSql.Compose(Spec, [.. Measures.Where(m => m.Sum is not null).Select(m => m.Sum!)], Selection is not null, Salt, integerColumns);

    /// <summary>The salt of the contribution-bounding hash (random per plan unless given).</summary>
    public string Salt { get; }

    /// <summary>The noisy row count that counts and means share (null when no count or mean is asked).</summary>
    public CountMeasurement? RowCount { get; }

    public IReadOnlyList<PlannedMeasure> Measures { get; }

    public ThresholdPartitionSelection? Selection { get; }

    /// <summary>The exact composed loss of every release in the query.</summary>
    public PrivacyLoss Loss { get; }

    /// <summary>What the query costs in the permit's budget model (never more than the allotment).</summary>
    public PrivacyBudget Charge { get; }

    public IReadOnlyList<string> Mechanisms { get; }

    /// <summary>
    /// The key under which this query's answer is cached: the normalised rewritten query without its random
    /// salt (the spec fixes it), plus the dataset version, policy hash, bounds and allotment.
    /// </summary>
    public QueryCacheKey CacheKey(string datasetVersion, string policyHash)
    {
        var parameters = new Dictionary<string, string>
        {
            ["dataset"] = datasetVersion,
            ["policy"] = policyHash,
            ["allotment"] = $"{Spec.Allotment.Model}:{Spec.Allotment.Epsilon}:{Spec.Allotment.Delta}:{Spec.Allotment.Rho}",
            ["bounds"] = string.Create(CultureInfo.InvariantCulture, $"{Spec.Bounds.MaxRowsPerPerson}:{Spec.Bounds.MaxGroupsPerPerson}:{Spec.Bounds.MaxRowsPerGroup}"),
            ["keys"] = Spec.Keys is PublicGroupKeys p ? string.Join("|", p.Keys.Keys.Select(k => string.Join("\u001f", k.Parts))) : "threshold",
            ["measures"] = string.Join("|", Spec.Measures.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name}\u001f{m.Kind}\u001f{m.Column}\u001f{m.Bounds?.Lower:R}\u001f{m.Bounds?.Upper:R}\u001f{m.Lattice.Exponent}\u001f{m.Impute:R}"))),
        };
        return QueryCacheKey.Create(Sql.Replace(DuckDbSql.StringLiteral(Salt), "'salt'", StringComparison.Ordinal), parameters);
    }
}
