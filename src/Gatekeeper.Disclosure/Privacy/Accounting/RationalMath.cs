using System.Globalization;
using System.Numerics;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Accounting;

/// <summary>
/// Order, rounding and conversions for the exact <see cref="Rational"/> the privacy code computes in.
/// Privacy losses are kept exact; a double only appears for display, and then it is rounded in the
/// safe direction (losses up, remaining budget down), checked exactly rather than trusted.
/// </summary>
public static class RationalMath
{
    public static int Compare(Rational a, Rational b) => (a.Numerator * b.Denominator).CompareTo(b.Numerator * a.Denominator);

    extension(Rational value)
    {
        public static bool operator <(Rational a, Rational b) => Compare(a, b) < 0;

        public static bool operator >(Rational a, Rational b) => Compare(a, b) > 0;

        public static bool operator <=(Rational a, Rational b) => Compare(a, b) <= 0;

        public static bool operator >=(Rational a, Rational b) => Compare(a, b) >= 0;

        public int Sign => value.Numerator.Sign;

        /// <summary>The largest integer not above the value.</summary>
        public BigInteger Floor() => BigInteger.DivRem(value.Numerator, value.Denominator, out var rest) is var q && rest.Sign < 0 ? q - 1 : q;

        /// <summary>The smallest integer not below the value.</summary>
        public BigInteger Ceiling() => -(-value).Floor();

        public Rational Square() => value * value;

        /// <summary>The nearest double at or above the value (exactly: never below).</summary>
        public double ToDoubleUp()
        {
            if (Compare(value, FromDouble(double.MaxValue)) > 0) return double.PositiveInfinity;
            if (Compare(value, FromDouble(-double.MaxValue)) <= 0) return -double.MaxValue;
            var d = Math.Clamp(Approximate(value), -double.MaxValue, double.MaxValue);
            while (Compare(FromDouble(d), value) < 0) d = Math.BitIncrement(d);
            while (d > -double.MaxValue && Compare(FromDouble(Math.BitDecrement(d)), value) >= 0) d = Math.BitDecrement(d);
            return d;
        }

        /// <summary>The nearest double at or below the value (exactly: never above).</summary>
        public double ToDoubleDown() => -(-value).ToDoubleUp();

        /// <summary>Culture-invariant display, rounded up to <paramref name="digits"/> significant digits (for losses).</summary>
        public string ToDisplayUp(int digits = 6) => Display(value, digits, up: true);

        /// <summary>Culture-invariant display, rounded down to <paramref name="digits"/> significant digits (for remaining budget).</summary>
        public string ToDisplayDown(int digits = 6) => Display(value, digits, up: false);
    }

    public static Rational Max(Rational a, Rational b) => Compare(a, b) >= 0 ? a : b;

    public static Rational Min(Rational a, Rational b) => Compare(a, b) <= 0 ? a : b;

    /// <summary>2^exponent exactly (the exponent may be negative).</summary>
    public static Rational PowerOfTwo(int exponent) =>
        exponent >= 0 ? new Rational(BigInteger.One << exponent, BigInteger.One) : new Rational(BigInteger.One, BigInteger.One << -exponent);

    /// <summary>The exact value of a finite double (every finite double is a dyadic rational).</summary>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{value} has no exact rational value (NaN and infinities are refused).", nameof(value));
        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & ((1L << 52) - 1);
        long mantissa;
        if (exponent == 0)
        {
            mantissa = fraction;
            exponent = -1074;
        }
        else
        {
            mantissa = fraction | (1L << 52);
            exponent -= 1075;
        }

        var r = new Rational(mantissa, BigInteger.One) * PowerOfTwo(exponent);
        return negative ? -r : r;
    }

    /// <summary>The exact value of a decimal (policies state bounds and budgets as decimals).</summary>
    public static Rational FromDecimal(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        var magnitude = (new BigInteger((uint)parts[2]) << 64) | (new BigInteger((uint)parts[1]) << 32) | new BigInteger((uint)parts[0]);
        var scale = (parts[3] >> 16) & 0xFF;
        var negative = parts[3] < 0;
        return new Rational(negative ? -magnitude : magnitude, BigInteger.Pow(10, scale));
    }

    /// <summary>Parses "0.5", "1e-6", "-3" (exact decimal) or "1/3".</summary>
    public static Rational Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
            return new Rational(BigInteger.Parse(text[..slash].Trim(), CultureInfo.InvariantCulture), BigInteger.Parse(text[(slash + 1)..].Trim(), CultureInfo.InvariantCulture));

        var t = text.Trim();
        var e = t.IndexOfAny(['e', 'E']);
        var exponent = 0;
        if (e >= 0)
        {
            exponent = int.Parse(t[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            t = t[..e];
        }

        var dot = t.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= t.Length - dot - 1;
            t = t.Remove(dot, 1);
        }

        var digits = BigInteger.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return exponent >= 0
            ? new Rational(digits * BigInteger.Pow(10, exponent), BigInteger.One)
            : new Rational(digits, BigInteger.Pow(10, -exponent));
    }

    /// <summary>⌊√n⌋ exactly (Newton's iteration on integers).</summary>
    public static BigInteger IntegerSquareRoot(BigInteger n)
    {
        if (n.Sign < 0) throw new ArgumentOutOfRangeException(nameof(n), "No square root of a negative number.");
        if (n < 2) return n;
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + (n / x)) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    /// <summary>A double close to the value (not direction-safe by itself).</summary>
    private static double Approximate(Rational value)
    {
        var n = BigInteger.Abs(value.Numerator);
        var d = value.Denominator;
        if (n.IsZero) return 0d;

        // Shift so the integer quotient carries about 64 significant bits, then scale back.
        var shift = (int)(d.GetBitLength() - n.GetBitLength()) + 64;
        var q = shift >= 0 ? (n << shift) / d : n / (d << -shift);
        var result = Math.ScaleB((double)q, -shift);
        return value.Numerator.Sign < 0 ? -result : result;
    }

    /// <summary>Decimal text with <paramref name="digits"/> significant digits, rounded exactly in the asked direction.</summary>
    private static string Display(Rational value, int digits, bool up)
    {
        if (value.IsZero) return "0";
        if (value.Sign < 0) return "-" + Display(-value, digits, !up);

        // m = floor(log10(value)), found from a double guess and corrected exactly.
        var m = (int)Math.Floor(Math.Log10(Approximate(value)));
        while (Compare(PowerOfTen(m), value) > 0) m--;
        while (Compare(PowerOfTen(m + 1), value) <= 0) m++;
        var p = m - digits + 1;
        var scaled = value / PowerOfTen(p);
        var n = up ? scaled.Ceiling() : scaled.Floor();
        var text = n.ToString(CultureInfo.InvariantCulture);
        if (p >= 0 && p + text.Length <= 15) return text + new string('0', p);
        if (p < 0 && m >= -4)
        {
            var padded = text.PadLeft(-p + 1, '0');
            var point = padded.Length + p;
            return (padded[..point] + "." + padded[point..]).TrimEnd('0').TrimEnd('.');
        }

        // Scientific: d.ddd e(exponent of the first digit).
        var exponent = p + text.Length - 1;
        var mantissa = text.Length == 1 ? text : (text[..1] + "." + text[1..]).TrimEnd('0').TrimEnd('.');
        return mantissa + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static Rational PowerOfTen(int exponent) =>
        exponent >= 0 ? new Rational(BigInteger.Pow(10, exponent), BigInteger.One) : new Rational(BigInteger.One, BigInteger.Pow(10, -exponent));
}
