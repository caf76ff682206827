namespace Gatekeeper.Disclosure.Policies;

/// <summary>Rules for anonymised microdata outputs.</summary>
public sealed record MicrodataPolicy
{
    /// <summary>Minimum equivalence-class size (k-anonymity).</summary>
    public int K { get; init; } = 10;

    /// <summary>The k values reported (share of records in classes smaller than k), inclusive range.</summary>
    public int ReportKFrom { get; init; } = 2;

    public int ReportKTo { get; init; } = 20;

    /// <summary>Largest share of records that may be suppressed to reach k (0..1).</summary>
    public decimal SuppressionLimit { get; init; } = 0.05m;

    public IReadOnlyList<QuasiIdentifierPolicy> QuasiIdentifiers { get; init; } = [];

    public IReadOnlyList<SensitiveAttributePolicy> SensitiveAttributes { get; init; } = [];

    /// <summary>A record is "at risk" when its re-identification probability exceeds this (default 1/k).</summary>
    public decimal RiskThreshold { get; init; } = 0.1m;

    /// <summary>Largest acceptable average (marketer) re-identification risk; null = report only.</summary>
    public decimal? MaxMarketerRisk { get; init; }

    /// <summary>Share of the population the data is a sample of (for journalist/marketer risk); null = the data is the population.</summary>
    public decimal? SamplingFraction { get; init; }
}
