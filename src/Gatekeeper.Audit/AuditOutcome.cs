namespace Gatekeeper.Audit;

/// <summary>How an audited action ended.</summary>
public enum AuditOutcome
{
    Succeeded,

    /// <summary>Refused by a rule or policy (bad input, forbidden, budget exhausted); nothing changed.</summary>
    Refused,

    /// <summary>Failed for a technical reason; nothing changed.</summary>
    Failed,
}
