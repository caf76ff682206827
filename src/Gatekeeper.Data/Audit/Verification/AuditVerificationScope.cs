namespace Gatekeeper.Data.Audit.Verification;

/// <summary>What a store verification covers.</summary>
public enum AuditVerificationScope
{
    /// <summary>The archive files (each checked against its recorded SHA-256) and the live table, as one chain from entry #1.</summary>
    Everything,

    /// <summary>The live table only, from the signed checkpoint the last archive ended at.</summary>
    LiveOnly,
}
