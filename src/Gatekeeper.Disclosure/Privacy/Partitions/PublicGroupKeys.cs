namespace Gatekeeper.Disclosure.Privacy.Partitions;

/// <summary>The keys are a public set from the policy: no privacy cost for choosing them.</summary>
public sealed record PublicGroupKeys(PublicKeySet Keys) : GroupKeyPolicy;
