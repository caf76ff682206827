namespace Gatekeeper.Data.Audit.Dashboard;

/// <summary>Runs requested by one user in the period.</summary>
public sealed record UserRunCount(string ActorId, string? OrganisationId, int Runs);
