namespace DeepSeek.Observe.Core.Tests;

public class PrometheusDurationTests
{
    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("0", 0)]
    public void TryParse_PrometheusSyntax_Parses(string text, long milliseconds)
    {
        Assert.True(PrometheusDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("1.5s")]
    [InlineData("-1s")]
    [InlineData("s")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(PrometheusDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(500, "500ms")]
    [InlineData(0, "0s")]
    [InlineData(3_600_000, "1h")]
    public void Format_Duration_WritesPrometheusSyntax(long milliseconds, string expected)
    {
        Assert.Equal(expected, PrometheusDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
