using DeepSeek.Observe.Query.Promql;

namespace DeepSeek.Observe.Query.Tests.Promql;

public class PromqlDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("1ms", 1)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1y", 31_536_000_000)]
    [InlineData("2w3d", 1_468_800_000)]
    [InlineData("1d2h3m4s5ms", 93_784_005)]
    public void TryParse_ValidDuration_ReturnsMilliseconds(string text, long milliseconds)
    {
        Assert.True(PromqlDuration.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(milliseconds, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("1.5m")]
    [InlineData("1m1h")]
    [InlineData("5m5m")]
    [InlineData("1ms1s")]
    [InlineData("-5m")]
    [InlineData("5M")]
    public void TryParse_InvalidDuration_SaysWhy(string text)
    {
        Assert.False(PromqlDuration.TryParse(text, out _, out var error));
        Assert.Equal($"not a valid duration string: \"{text}\"", error);
    }

    [Fact]
    public void TryParse_Overflow_IsOutOfRange()
    {
        Assert.False(PromqlDuration.TryParse("999999999999y", out _, out var error));
        Assert.Equal("duration out of range", error);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1_500, "1s500ms")]
    [InlineData(90_000, "1m30s")]
    [InlineData(604_800_000, "1w")]
    [InlineData(691_200_000, "8d")]
    [InlineData(31_536_000_000, "1y")]
    [InlineData(31_622_400_000, "366d")]
    public void Format_Milliseconds_PrintsLikePrometheus(long milliseconds, string expected)
    {
        Assert.Equal(expected, PromqlDuration.Format(milliseconds));
    }
}
