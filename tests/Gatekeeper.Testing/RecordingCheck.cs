using Gatekeeper.Data.Runs;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Permits;

namespace Gatekeeper.Testing;

/// <summary>The query check as the queue sees it: no problems, or the given ones; counts its calls.</summary>
public sealed class RecordingCheck(params ValidationError[] problems) : IRunQueryCheck
{
    public int Calls { get; private set; }

    public Task<IReadOnlyList<ValidationError>> CheckAsync(DataPermit permit, string datasetId, string query, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult<IReadOnlyList<ValidationError>>(problems);
    }
}
