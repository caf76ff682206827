namespace Gatekeeper.Disclosure.Microdata;

/// <summary>For one k: how many records (and what share) sit in equivalence classes smaller than k.</summary>
public sealed record KShare(int K, long Records, decimal Share);
