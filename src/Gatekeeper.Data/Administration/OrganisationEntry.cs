namespace Gatekeeper.Data.Administration;

/// <summary>An organisation with how many people belong to it.</summary>
public sealed record OrganisationEntry(string Id, string Name, string? NameJa, bool IsCertifiedOperator, int People);
