namespace Gatekeeper.Web.Runs;

/// <summary>
/// The limits of every run under a permit (<c>GET /api/permits/{id}/runs/limits</c>); <paramref name="PolicyId"/> names
/// the disclosure policy that tightened the host's limits, or is null when they apply as configured.
/// </summary>
public sealed record RunLimitsDto(int WallClockSeconds, int MemoryMb, int CpuSeconds, long MaxOutputRows, long MaxOutputBytes, int Threads, string? PolicyId);
