using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Permits;

namespace Gatekeeper.Data.Runs;

/// <summary>
/// Checks a query against a permit's tables and variables without running it (the visiting environment's validator,
/// implemented by the host that has it). Each problem's <see cref="ValidationError.Rule"/> is a refusal code (e.g.
/// <c>variable-not-permitted</c>), its field the offending construct, its message says what to change.
/// </summary>
public interface IRunQueryCheck
{
    Task<IReadOnlyList<ValidationError>> CheckAsync(DataPermit permit, string datasetId, string query, CancellationToken cancellationToken);
}
