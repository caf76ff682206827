using Gatekeeper.Domain.Runs;

namespace Gatekeeper.Data.Runs;

/// <summary>A run claimed by a worker: the run as claimed and the lease token every later write must name.</summary>
public sealed record ClaimedRun(QueryRun Run, Guid LeaseToken)
{
    public Guid Id => Run.Id;

    public string ExecutionId => Run.ExecutionId!;
}
