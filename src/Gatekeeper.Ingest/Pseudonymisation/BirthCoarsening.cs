namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>How a birth year-month is coarsened before it reaches the analysis tables.</summary>
public enum BirthCoarsening
{
    /// <summary>"1968".</summary>
    BirthYear,

    /// <summary>Age at the policy's reference date in bands, e.g. "55-59", with an open top band "85+".</summary>
    AgeBand,
}
