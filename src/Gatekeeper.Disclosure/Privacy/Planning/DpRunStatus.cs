namespace Gatekeeper.Disclosure.Privacy.Planning;

public enum DpRunStatus
{
    /// <summary>Budget spent, data read, noisy answer released and cached.</summary>
    Released,

    /// <summary>The same query was answered before: the cached noisy answer, at no cost.</summary>
    Cached,

    /// <summary>Not enough budget: refused before any data was read.</summary>
    Refused,

    /// <summary>The same query is being answered by another run: ask again when it has finished (no cost).</summary>
    Pending,
}
