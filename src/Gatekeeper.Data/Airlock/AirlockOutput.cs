using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Runs;

namespace Gatekeeper.Data.Airlock;

/// <summary>An output waiting in the airlock with the run that produced it (for output checkers).</summary>
public sealed record AirlockOutput(RunOutput Output, QueryRun Run);
