using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Tests.Privacy.Accounting;

public sealed class RationalMathTests
{
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 500, Replay = "(424242,171717)")]
    public void Rounding_to_double_is_directed_and_tight(Rational value)
    {
        var up = value.ToDoubleUp();
        var down = value.ToDoubleDown();
        Assert.True(RationalMath.FromDouble(up) >= value, $"{up} < {value}");
        Assert.True(RationalMath.FromDouble(down) <= value, $"{down} > {value}");

        // Tight: the next double inwards would cross the value.
        Assert.True(RationalMath.FromDouble(Math.BitDecrement(up)) < value || up == down);
        Assert.True(RationalMath.FromDouble(Math.BitIncrement(down)) > value || up == down);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300, Replay = "(99,1235)")]
    public void Display_rounds_in_the_stated_direction(Rational value)
    {
        Assert.True(RationalMath.Parse(value.ToDisplayUp()) >= value, $"{value.ToDisplayUp()} < {value}");
        Assert.True(RationalMath.Parse(value.ToDisplayDown()) <= value, $"{value.ToDisplayDown()} > {value}");
    }

    [Theory]
    [InlineData("1/3", "0.333334", "0.333333")]
    [InlineData("1e-6", "1e-6", "1e-6")]
    [InlineData("1/4000", "0.00025", "0.00025")]
    [InlineData("1/30000000", "3.33334e-8", "3.33333e-8")]
    [InlineData("2", "2", "2")]
    [InlineData("-1/3", "-0.333333", "-0.333334")]
    [InlineData("123456789", "123457000", "123456000")]
    public void Display_examples(string text, string up, string down)
    {
        var value = RationalMath.Parse(text);
        Assert.Equal(up, value.ToDisplayUp());
        Assert.Equal(down, value.ToDisplayDown());
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(-1e-300)]
    [InlineData(double.Epsilon)]
    [InlineData(1.7976931348623157e308)]
    public void Doubles_convert_to_their_exact_value(double d)
    {
        var exact = RationalMath.FromDouble(d);
        Assert.Equal(d, exact.ToDoubleUp());
        Assert.Equal(d, exact.ToDoubleDown());
    }

    [Fact]
    public void Decimals_and_text_parse_exactly_and_non_finite_doubles_are_refused()
    {
        Assert.Equal(new Rational(1, 10), RationalMath.FromDecimal(0.1m));
        Assert.Equal(new Rational(-12345, 100), RationalMath.FromDecimal(-123.45m));
        Assert.Equal(new Rational(1, 1_000_000), RationalMath.Parse("1e-6"));
        Assert.Equal(new Rational(25, 2), RationalMath.Parse("1.25e1"));
        Assert.Equal(new Rational(2, 3), RationalMath.Parse("4/6"));
        Assert.Throws<ArgumentException>(() => RationalMath.FromDouble(double.NaN));
        Assert.Throws<ArgumentException>(() => RationalMath.FromDouble(double.PositiveInfinity));
    }

    [Fact]
    public void Floor_ceiling_and_integer_square_root_are_exact()
    {
        Assert.Equal(new BigInteger(-2), new Rational(-3, 2).Floor());
        Assert.Equal(new BigInteger(-1), new Rational(-3, 2).Ceiling());
        Assert.Equal(new BigInteger(1), new Rational(3, 2).Floor());
        Assert.Equal(new BigInteger(2), new Rational(3, 2).Ceiling());
        var big = BigInteger.Pow(10, 40) + 12345;
        var root = RationalMath.IntegerSquareRoot(big);
        Assert.True(root * root <= big && (root + 1) * (root + 1) > big);
        Assert.Equal(new BigInteger(10), RationalMath.IntegerSquareRoot(120));
    }

    public static class Generators
    {
        public static Arbitrary<Rational> Rationals() => Arb.From(
            from n in Gen.Choose(-1_000_000, 1_000_000)
            from d in Gen.Choose(1, 1_000_000)
            from shift in Gen.Choose(-80, 80)
            select new Rational(n, d) * RationalMath.PowerOfTwo(shift));
    }
}
