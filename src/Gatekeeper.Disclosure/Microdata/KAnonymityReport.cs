namespace Gatekeeper.Disclosure.Microdata;

/// <summary>
/// k-anonymity of the generalised data: the required k, the smallest class before and after
/// suppression, the class count, and for each reported k the share of records in classes smaller than k
/// (before suppression, i.e. what the generalised data looks like).
/// </summary>
public sealed record KAnonymityReport(
    int RequiredK,
    int SmallestClassBeforeSuppression,
    int SmallestClassAfterSuppression,
    int ClassCount,
    IReadOnlyList<KShare> SharesBelow);
