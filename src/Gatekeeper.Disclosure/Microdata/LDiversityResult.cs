namespace Gatekeeper.Disclosure.Microdata;

/// <summary>
/// l-diversity of one sensitive attribute over the released classes: the fewest distinct values in any
/// class (distinct l-diversity) and exp of the smallest class entropy (entropy l-diversity, natural
/// logarithms; a class with values spread evenly over l values has entropy-l exactly l).
/// </summary>
public sealed record LDiversityResult(
    string Column,
    int MinDistinct,
    int RequiredDistinct,
    double EntropyL,
    decimal RequiredEntropyL,
    bool DistinctPass,
    bool EntropyPass);
