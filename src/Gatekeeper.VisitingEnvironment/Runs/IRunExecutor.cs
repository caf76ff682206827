using Gatekeeper.VisitingEnvironment.Queries;
using Gatekeeper.VisitingEnvironment.Sandbox;

namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>
/// Runs researchers' queries in the visiting environment. The host's job queue calls <see cref="ExecuteAsync"/> once per
/// queued run (after checking the permit is valid and not revoked and the researcher's accreditation is current);
/// the portal's SQL editor calls <see cref="ValidateAsync"/> to show problems before queueing, and reads
/// <see cref="Sandbox"/> to show the unsandboxed-mode banner.
/// </summary>
public interface IRunExecutor
{
    /// <summary>How runs are isolated on this host (probed once).</summary>
    SandboxStatus Sandbox { get; }

    /// <summary>
    /// Starts the warm workers (if configured and sandboxed) now rather than at the first run, and completes when they
    /// have warmed up; call it at host start-up.
    /// </summary>
    Task WarmUpAsync(CancellationToken cancellationToken = default);

    /// <summary>The query checked against the permit's tables and variables without running it.</summary>
    Task<QueryValidation> ValidateAsync(RunSpec spec, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the spec in a sandboxed worker and returns its outcome; results and shadow statistics are left in the
    /// airlock folder (<see cref="RunOutcome.OutputFolder"/>). Refusals and failures are outcomes, not exceptions;
    /// an exception means the call itself was wrong (a bad run id, a run id used before).
    /// </summary>
    Task<RunOutcome> ExecuteAsync(RunSpec spec, CancellationToken cancellationToken = default);
}
