using Gatekeeper.Workflows.Definitions;

namespace Gatekeeper.Workflows.Tests.Definitions;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("P3M", 0, 3, 0, 0, 0, 0)]
    [InlineData("P14D", 0, 0, 14, 0, 0, 0)]
    [InlineData("P2W", 0, 0, 14, 0, 0, 0)]
    [InlineData("P1Y2M3DT4H5M6S", 1, 2, 3, 4, 5, 6)]
    [InlineData("PT30S", 0, 0, 0, 0, 0, 30)]
    public void Durations_parse(string text, int y, int mo, int d, int h, int mi, int s)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(new IsoDuration(y, mo, d, h, mi, s), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("3 months")]
    [InlineData("P0D")]
    [InlineData("P-1D")]
    [InlineData("P1.5D")]
    public void Nonsense_and_zero_are_refused(string text) => Assert.False(IsoDuration.TryParse(text, out _));

    [Fact]
    public void Months_are_added_on_the_calendar_and_subtracted_back()
    {
        var at = new DateTimeOffset(2027, 1, 31, 12, 0, 0, TimeSpan.Zero);
        IsoDuration.TryParse("P1M", out var month);

        Assert.Equal(new DateTimeOffset(2027, 2, 28, 12, 0, 0, TimeSpan.Zero), month.AddTo(at));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.Zero), month.SubtractFrom(at));
        Assert.Equal("P1M", month.ToString());
    }
}
