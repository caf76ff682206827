namespace Gatekeeper.Data.Administration;

/// <summary>One accreditation of a person, for display.</summary>
public sealed record AccreditationRecord(Guid Id, string Kind, DateOnly ValidFrom, DateOnly ValidUntil, string Issuer, string? Reference);
