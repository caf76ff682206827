using Gatekeeper.Audit;
using Gatekeeper.Domain.Outputs;

namespace Gatekeeper.Data.Outputs;

/// <summary>
/// The release request a succeeded run opens, with the automated check's verdict on each output and one
/// <c>check.result</c> audit entry per output; stored in the transaction that records the run's ending.
/// </summary>
public sealed record ReleaseOpening(ReleaseRequest Request, IReadOnlyList<ReleaseFile> Files, IReadOnlyList<AuditRecord> CheckRecords);
