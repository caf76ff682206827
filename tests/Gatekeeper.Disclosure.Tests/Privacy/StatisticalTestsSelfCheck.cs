namespace Gatekeeper.Disclosure.Tests.Privacy;

/// <summary>The hand-written statistics against textbook values, so the sampler tests rest on checked ground.</summary>
public sealed class StatisticalTestsSelfCheck
{
    [Theory]
    [InlineData(1, 0.05, 3.841459)]
    [InlineData(10, 0.05, 18.307038)]
    [InlineData(30, 0.01, 50.892181)]
    [InlineData(100, 0.001, 149.449252)]
    public void Chi_square_critical_values_match_tables(int df, double alpha, double expected) =>
        Assert.Equal(expected, StatisticalTests.ChiSquareCritical(df, alpha), 4);

    [Fact]
    public void Wilson_Hilferty_agrees_with_the_gamma_function_at_alpha_one_in_a_million()
    {
        // The approximation is good to about 2 % from 20 degrees of freedom on, even this far out in the tail.
        foreach (var df in new[] { 20, 60, 200 })
        {
            var exact = StatisticalTests.ChiSquareCritical(df, StatisticalTests.Alpha);
            var approximate = StatisticalTests.ChiSquareCriticalWilsonHilferty(df, StatisticalTests.Alpha);
            Assert.InRange(approximate / exact, 0.98, 1.02);
        }
    }

    [Fact]
    public void Normal_quantiles_match_tables()
    {
        Assert.Equal(1.959964, StatisticalTests.NormalUpperQuantile(0.025), 5);
        Assert.Equal(4.753424, StatisticalTests.NormalUpperQuantile(1e-6), 5);
    }

    [Fact]
    public void Wilson_interval_covers_the_proportion_and_narrows_with_more_trials()
    {
        var (low, high) = StatisticalTests.Wilson(500, 1000, 0.05);
        Assert.InRange(low, 0.468, 0.470);
        Assert.InRange(high, 0.530, 0.532);
        var (low2, high2) = StatisticalTests.Wilson(50_000, 100_000, 0.05);
        Assert.True(high2 - low2 < (high - low) / 5);
    }
}
