namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>Which limit stopped a killed run.</summary>
public enum RunStopReason
{
    None,
    WallClock,
    CpuTime,
    Memory,
    OutputSize,
    Crashed,
}
