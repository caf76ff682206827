using Gatekeeper.Disclosure.Privacy.Planning;

namespace Gatekeeper.VisitingEnvironment.Privacy;

/// <summary>
/// The DP side of a run's outcome: whether the answer was released now (budget spent) or served from the ledger's
/// cache (no cost), what was charged, the ledger's message (cost and remaining budget) and the release itself.
/// </summary>
public sealed record DpRunInfo(DpRunStatus Status, string Charged, string Message, DpResult? Result);
