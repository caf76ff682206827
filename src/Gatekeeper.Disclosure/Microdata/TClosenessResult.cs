using System.Numerics;

namespace Gatekeeper.Disclosure.Microdata;

/// <summary>
/// t-closeness of one sensitive attribute: the largest distance between a class's distribution and the
/// whole released table's, exactly as a fraction (<see cref="Numerator"/>/<see cref="Denominator"/>) and as a double.
/// </summary>
public sealed record TClosenessResult(
    string Column,
    TClosenessDistance Distance,
    BigInteger Numerator,
    BigInteger Denominator,
    decimal? RequiredT,
    bool Pass)
{
    public double MaxDistance => Denominator.IsZero ? 0 : (double)Numerator / (double)Denominator;
}
