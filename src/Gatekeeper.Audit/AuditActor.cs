namespace Gatekeeper.Audit;

/// <summary>Who acted, as the audit log records it: user or client id, the role acted in, organisation and client address.</summary>
public sealed record AuditActor(string Id, string? Role = null, string? OrganisationId = null, string? ClientAddress = null)
{
    /// <summary>The gatekeeper itself (schedulers, start-up, the enclave's automated checks).</summary>
    public static AuditActor System { get; } = new("system", "system");
}
