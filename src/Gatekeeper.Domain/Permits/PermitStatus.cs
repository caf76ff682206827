namespace Gatekeeper.Domain.Permits;

/// <summary>Whether a permit allows work at a given moment.</summary>
public enum PermitStatus
{
    NotYetValid,
    Active,
    Expired,
    Revoked,
}
