namespace Gatekeeper.Domain.Applications;

/// <summary>What may leave the visiting environment under a permit.</summary>
public enum OutputTier
{
    /// <summary>Aggregate statistics only (tables, models) after disclosure control.</summary>
    AggregateStatistics,

    /// <summary>Anonymised microdata (匿名加工), k-anonymity family checks.</summary>
    AnonymisedMicrodata,

    /// <summary>Pseudonymised microdata (仮名加工), inside the visiting environment; certified operators only.</summary>
    PseudonymisedMicrodata,
}
