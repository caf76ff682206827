namespace Gatekeeper.Disclosure.Microdata;

/// <summary>The ground distance of the earth mover's distance used for t-closeness.</summary>
public enum TClosenessDistance
{
    /// <summary>Categorical: every pair of values is at distance 1; EMD = half the L1 distance (total variation).</summary>
    Equal,

    /// <summary>Ordinal/numeric/date: values i and j of m ordered values are |i − j|/(m − 1) apart; EMD = Σ|cumulative differences|/(m − 1).</summary>
    Ordered,
}
