namespace Gatekeeper.Disclosure.Privacy.Partitions;

/// <summary>Where a DP aggregate's group keys come from: never simply from what exists in the data.</summary>
public abstract record GroupKeyPolicy;
