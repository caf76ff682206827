namespace Gatekeeper.Ingest.Synthetic;

/// <summary>Settings of the synthetic diabetes-prevention data set; the defaults are the demo's.</summary>
public sealed record DemoDataOptions
{
    public int Participants { get; init; } = 2000;

    public ulong Seed { get; init; } = 20250401;

    public required string OutputFolder { get; init; }

    public DateOnly Start { get; init; } = new(2025, 4, 1);

    public int Days { get; init; } = 365;

    /// <summary>Share of participants with normal HbA1c (a comparison group the programme's report does not have).</summary>
    public double HealthyShare { get; init; } = 0.20;

    /// <summary>Of the diabetic-range participants, the share with mild diabetes: 662 of 1,063 in the programme.</summary>
    public double MildDiabetesShare { get; init; } = 662.0 / 1063.0;

    public double InterventionShare { get; init; } = 0.5;

    /// <summary>Activity rows sent again later with a later update_time and corrected values.</summary>
    public double ResendRate { get; init; } = 0.002;

    /// <summary>Rows with one broken rule, so the demo shows a validation report (well under the 1 % limit).</summary>
    public double InvalidRate { get; init; } = 0.0005;

    public double OptOutRate { get; init; } = 0.02;

    public double RefusalRate { get; init; } = 0.05;

    public string? Validate() =>
        Participants is < 1 or > 10_000_000 ? "--participants must be 1 to 10,000,000."
        : Days is < 1 or > 3660 ? "Days must be 1 to 3,660."
        : string.IsNullOrWhiteSpace(OutputFolder) ? "--out is required."
        : HealthyShare is < 0 or > 1 || MildDiabetesShare is < 0 or > 1 || InterventionShare is < 0 or > 1 ? "Shares must be between 0 and 1."
        : ResendRate is < 0 or > 0.5 || InvalidRate is < 0 or > 0.5 || OptOutRate is < 0 or > 1 || RefusalRate is < 0 or > 1 ? "Rates must be between 0 and 0.5 (consent rates up to 1)."
        : null;
}
