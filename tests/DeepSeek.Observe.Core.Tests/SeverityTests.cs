namespace DeepSeek.Observe.Core.Tests;

public class SeverityTests
{
    [Theory]
    [InlineData("L1", Severity.L1)]
    [InlineData("l2", Severity.L2)]
    [InlineData("L3", Severity.L3)]
    public void TryParse_KnownLevels_Parse(string text, Severity expected)
    {
        Assert.True(SeverityLabel.TryParse(text, out var severity));
        Assert.Equal(expected, severity);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("critical")]
    [InlineData("L4")]
    public void TryParse_Unknown_ReturnsFalse(string? text)
    {
        Assert.False(SeverityLabel.TryParse(text, out _));
    }

    [Fact]
    public void Order_L1IsMostSevere()
    {
        Assert.True(Severity.L1 < Severity.L2 && Severity.L2 < Severity.L3);
    }
}
