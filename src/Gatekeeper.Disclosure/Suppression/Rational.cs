using System.Numerics;

namespace Gatekeeper.Disclosure.Suppression;

/// <summary>
/// An exact rational number (BigInteger numerator over a positive denominator, in lowest terms).
/// Recoverability is a yes/no question about the span of the relations, so floating point rounding
/// could turn "determined" into "not determined"; rationals cannot.
/// </summary>
public readonly struct Rational : IEquatable<Rational>
{
    private readonly BigInteger _denominator;

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException();
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero)
        {
            numerator /= g;
            denominator /= g;
        }

        Numerator = numerator;
        _denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    public static Rational Zero => new(BigInteger.Zero, BigInteger.One);

    public static Rational One => new(BigInteger.One, BigInteger.One);

    public BigInteger Numerator { get; }

    /// <summary>The denominator (positive; <c>default(Rational)</c> reads as 0/1).</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    public bool IsZero => Numerator.IsZero;

    public static implicit operator Rational(long value) => new(value, BigInteger.One);

    public static Rational operator +(Rational a, Rational b) =>
        a.Denominator == b.Denominator ? new(a.Numerator + b.Numerator, a.Denominator) : new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) =>
        a.Denominator == b.Denominator ? new(a.Numerator - b.Numerator, a.Denominator) : new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) =>
        b.IsZero ? throw new DivideByZeroException() : new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public override string ToString() => Denominator.IsOne ? Numerator.ToString() : $"{Numerator}/{Denominator}";
}
