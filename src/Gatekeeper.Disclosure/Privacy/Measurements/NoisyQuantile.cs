namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// A quantile chosen among public candidates. With probability ≥ Confidence the chosen candidate's rank
/// is within <see cref="RankErrorBound"/> rows of the true quantile's rank (of the bounded rows).
/// </summary>
public sealed record NoisyQuantile(double Value, int CandidateIndex, double RankErrorBound, double Confidence, string Mechanism);
