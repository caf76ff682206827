namespace Gatekeeper.Disclosure.Privacy.Partitions;

/// <summary>
/// The keys are chosen by DP partition selection (<see cref="ThresholdPartitionSelection"/>): a group is
/// released only if its noisy count of distinct persons reaches a threshold τ, set so that a group made
/// by one person alone is released with probability at most the query's δ.
/// </summary>
public sealed record ThresholdedGroupKeys : GroupKeyPolicy;
