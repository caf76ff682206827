namespace Gatekeeper.Ingest.Synthetic;

/// <summary>A synthetic participant's group by baseline HbA1c (NGSP), as in the programme.</summary>
public enum GlycaemicGroup
{
    /// <summary>HbA1c below 5.6.</summary>
    Healthy,

    /// <summary>5.6 ≤ HbA1c &lt; 6.5.</summary>
    PreDiabetes,

    /// <summary>HbA1c ≥ 6.5, no medication.</summary>
    MildDiabetes,
}
