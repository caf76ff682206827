using Gatekeeper.Domain.Common;

namespace Gatekeeper.Data.Workflows;

/// <summary>The outcome of assigning one task of a bulk assignment.</summary>
public sealed record TaskAssignment(Guid TaskId, DomainResult Result);
