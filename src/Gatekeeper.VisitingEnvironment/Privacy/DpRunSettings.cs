using Gatekeeper.Disclosure.Policies;

namespace Gatekeeper.VisitingEnvironment.Privacy;

/// <summary>
/// Set on a <see cref="Runs.RunSpec"/> when the dataset's disclosure policy requires differential privacy: the policy's
/// DP section, the policy's SHA-256 (part of the answer-cache key) and the permit's account in the privacy ledger.
/// </summary>
public sealed record DpRunSettings(DifferentialPrivacyPolicy Policy, string PolicySha256, string LedgerAccount);
