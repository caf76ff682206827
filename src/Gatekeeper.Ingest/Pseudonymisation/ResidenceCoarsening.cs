namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>How residence is coarsened before it reaches the analysis tables.</summary>
public enum ResidenceCoarsening
{
    /// <summary>JIS X 0401 prefecture code, "01" to "47".</summary>
    Prefecture,

    /// <summary>Not kept at all (empty column).</summary>
    Remove,
}
