namespace Gatekeeper.Disclosure.Microdata;

/// <summary>
/// Re-identification risk summaries after El Emam and Dankar (2008), over the released classes (f =
/// class size in the data, F = class size in the population, n = released records, J = classes):
/// prosecutor (the attacker knows the target is in the data): per record 1/f, highest 1/min f, average J/n;
/// journalist (the attacker knows only that the target is in the population): per record 1/F, highest 1/min F;
/// marketer (the attacker tries to re-identify everyone): expected share re-identified (1/n)·Σ_j f_j/F_j.
/// "At risk" = share of records whose per-record risk exceeds the policy's risk threshold.
/// </summary>
public sealed record ReidentificationRisk(
    RiskBasis Basis,
    decimal Threshold,
    double ProsecutorHighest,
    double ProsecutorAverage,
    double ProsecutorRecordsAtRisk,
    double JournalistHighest,
    double JournalistRecordsAtRisk,
    double MarketerAverage);
