namespace Gatekeeper.Domain.Administration;

/// <summary>A training or accreditation record as an administrator enters it.</summary>
public sealed record AccreditationDetails(string Kind, DateOnly ValidFrom, DateOnly ValidUntil, string Issuer, string? Reference);
