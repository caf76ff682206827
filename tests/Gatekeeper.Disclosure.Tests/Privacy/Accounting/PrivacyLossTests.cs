using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Tests.Privacy.Accounting;

/// <summary>Privacy maps are exact and never below the true loss; conversions are conservative.</summary>
public sealed class PrivacyLossTests
{
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300, Replay = "(31337,2719)")]
    public void Laplace_privacy_map_is_exactly_sensitivity_over_scale_and_never_shown_lower(Rational sensitivity, Rational scale)
    {
        var mechanism = new DiscreteLaplaceMechanism(scale);
        var loss = mechanism.PrivacyMap(Sensitivity.Scalar(sensitivity));
        Assert.Equal(PrivacyMeasure.PureDp, loss.Measure);
        Assert.Equal(sensitivity / scale, loss.Epsilon);

        // The displayed double is at or above the exact loss.
        Assert.True(RationalMath.FromDouble(loss.Epsilon.ToDoubleUp()) >= sensitivity / scale);
        Assert.True(RationalMath.Parse(loss.Epsilon.ToDisplayUp()) >= sensitivity / scale);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300, Replay = "(27,1829)")]
    public void Gaussian_privacy_map_is_exactly_half_the_squared_ratio_and_never_shown_lower(Rational sensitivity, Rational sigmaSquared)
    {
        var mechanism = new DiscreteGaussianMechanism(sigmaSquared);
        var loss = mechanism.PrivacyMap(Sensitivity.Scalar(sensitivity));
        var exact = sensitivity * sensitivity / (new Rational(2, 1) * sigmaSquared);
        Assert.Equal(exact, loss.Rho);
        Assert.True(RationalMath.FromDouble(loss.Rho.ToDoubleUp()) >= exact);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200, Replay = "(5,9)")]
    public void Calibrating_to_a_budget_spends_exactly_that_budget(Rational epsilon, Rational rho)
    {
        var bounds = new ContributionBounds(3, 2, 2);
        var count = new CountMeasurement("n", bounds, NoiseCalibration.Laplace(epsilon));
        Assert.Equal(epsilon, count.Loss.Epsilon);
        var gaussian = new CountMeasurement("n", bounds, NoiseCalibration.Gaussian(rho));
        Assert.Equal(rho, gaussian.Loss.Rho);
    }

    [Fact]
    public void Pure_dp_converts_to_zcdp_as_half_epsilon_squared_and_composition_adds()
    {
        var pure = PrivacyLoss.Pure(new Rational(1, 2));
        Assert.Equal(new Rational(1, 8), pure.ToZcdp().Rho);
        var composed = pure.Compose(PrivacyLoss.Approximate(new Rational(1, 4), new Rational(1, 1_000_000)));
        Assert.Equal(PrivacyMeasure.ApproximateDp, composed.Measure);
        Assert.Equal(new Rational(3, 4), composed.Epsilon);
        Assert.Equal(new Rational(1, 1_000_000), composed.Delta);

        var mixed = PrivacyLoss.Zcdp(new Rational(1, 10)).Compose(pure);
        Assert.Equal(PrivacyMeasure.ZeroConcentratedDp, mixed.Measure);
        Assert.Equal(new Rational(1, 10) + new Rational(1, 8), mixed.Rho);
        Assert.Equal("ρ ≤ 0.225", mixed.ToString());
    }

    [Theory]
    [InlineData("1/2", "1e-6")]
    [InlineData("1/100", "1e-9")]
    [InlineData("2", "1e-5")]
    [InlineData("1/100000", "1/1000")]
    public void Zcdp_to_approximate_dp_is_valid_and_at_least_as_good_as_the_classic_bound(string rhoText, string deltaText)
    {
        var rho = RationalMath.Parse(rhoText);
        var delta = RationalMath.Parse(deltaText);
        var epsilon = ZcdpConversion.Epsilon(rho, delta);
        var r = rho.ToDoubleUp();
        var d = delta.ToDoubleDown();

        // Valid: some α > 1 gives δ(α) ≤ δ at this ε (CKS20 Proposition 12), found independently by a
        // ternary search of the unimodal ln δ(α) over ln(α − 1).
        var e = epsilon.ToDoubleDown();
        double LogDelta(double t)
        {
            var alpha = 1 + Math.Exp(t);
            return ((alpha - 1) * ((alpha * r) - e)) + ((alpha - 1) * Math.Log(1 - (1 / alpha))) - Math.Log(alpha);
        }

        var (lo, hi) = (-30.0, 20.0);
        for (var i = 0; i < 400; i++)
        {
            var m1 = lo + ((hi - lo) / 3);
            var m2 = hi - ((hi - lo) / 3);
            if (LogDelta(m1) < LogDelta(m2)) hi = m2;
            else lo = m1;
        }

        var best = LogDelta((lo + hi) / 2);
        Assert.True(best <= Math.Log(d), $"ε = {e}: best ln δ(α) = {best} > ln δ = {Math.Log(d)}");

        // Not wasteful: no worse than ρ + 2√(ρ ln(1/δ)), and within 1e-6 of the grid optimum.
        Assert.True(e <= r + (2 * Math.Sqrt(r * Math.Log(1 / d))) + 1e-9);
        Assert.True(best >= Math.Log(d) - 1e-3, "the chosen α is far from optimal");
    }

    [Fact]
    public void Zcdp_delta_for_an_epsilon_round_trips_with_the_conversion()
    {
        var rho = new Rational(1, 2);
        var epsilon = ZcdpConversion.Epsilon(rho, new Rational(1, 1_000_000));
        var delta = ZcdpConversion.Delta(rho, epsilon);
        Assert.InRange(delta, 0.5e-6, 1.0001e-6);
    }

    [Fact]
    public void Approximate_dp_form_of_a_zcdp_loss_adds_the_conversion_delta()
    {
        var loss = PrivacyLoss.ApproximateZcdp(new Rational(1, 8), new Rational(1, 1_000_000)).ToApproximateDp(new Rational(1, 1_000_000));
        Assert.Equal(PrivacyMeasure.ApproximateDp, loss.Measure);
        Assert.Equal(new Rational(2, 1_000_000), loss.Delta);
        Assert.True(loss.Epsilon > new Rational(1, 8));
    }

    public static class Generators
    {
        public static Arbitrary<Rational> Rationals() => Arb.From(
            from n in Gen.Choose(1, 1_000_000)
            from d in Gen.Choose(1, 1_000_000)
            select new Rational(n, d));
    }
}
