using Gatekeeper.VisitingEnvironment.Runs;
using Gatekeeper.VisitingEnvironment.Sandbox;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// Whether the portal must warn that runs are not isolated: only when the development switch
/// <c>VisitingEnvironment:AllowUnsandboxedRuns</c> is on and the sandbox probe found no working sandbox (the probe is
/// not even started otherwise).
/// </summary>
public sealed class RunSandboxState(IOptions<VisitingEnvironmentOptions> options, IRunExecutor executor)
{
    public bool IsUnsandboxed => options.Value.AllowUnsandboxedRuns && executor.Sandbox.IsUnsandboxed;

    public string Reason => executor.Sandbox.Reason;
}
