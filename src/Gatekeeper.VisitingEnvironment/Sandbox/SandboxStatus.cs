namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>The sandbox as probed on this host: the mode runs get, and why.</summary>
/// <param name="Mode">Sandboxed, Unsandboxed (development switch) or Unavailable.</param>
/// <param name="Reason">What the probe found, e.g. "bubblewrap 0.8.0 creates namespaces" or why it cannot.</param>
public sealed record SandboxStatus(SandboxMode Mode, string Reason)
{
    public bool CanRun => Mode != SandboxMode.Unavailable;

    /// <summary>True when runs are not isolated: the portal must show its warning banner.</summary>
    public bool IsUnsandboxed => Mode == SandboxMode.Unsandboxed;
}
