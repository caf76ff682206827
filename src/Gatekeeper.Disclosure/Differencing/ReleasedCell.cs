using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Differencing;

/// <summary>One released cell: its key (one part per key column) and its true unit count (a shadow statistic kept by the gatekeeper, never published).</summary>
public sealed record ReleasedCell(IReadOnlyList<KeyPart> Key, long Units);
