using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Export;

/// <summary>One item read from an export after its header: an entry or a checkpoint, with its line number.</summary>
public sealed record AuditExportItem(long LineNumber, ChainedEntry? Entry, Checkpoint? Checkpoint);
