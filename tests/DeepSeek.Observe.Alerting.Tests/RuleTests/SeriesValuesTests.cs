using DeepSeek.Observe.Alerting.RuleTests;

namespace DeepSeek.Observe.Alerting.Tests.RuleTests;

public class SeriesValuesTests
{
    [Theory]
    [InlineData("1 2 3", "1 2 3")]
    [InlineData("1x3", "1 1 1 1")]
    [InlineData("1+2x3", "1 3 5 7")]
    [InlineData("1-2x3", "1 -1 -3 -5")]
    [InlineData("_x3 5", "_ _ _ 5")]
    [InlineData("_ _x0 7", "_ 7")]
    [InlineData("1x0", "1")]
    [InlineData("stale 2", "stale 2")]
    [InlineData("1e3x2", "1000 1000 1000")]
    [InlineData("1e3+1e3x1", "1000 2000")]
    [InlineData(".5 1.e2 1E2", "0.5 100 100")]
    [InlineData("+5 -3", "5 -3")]
    [InlineData("1 +2x3", "1 2 2 2 2")]
    [InlineData("0x5", "0 0 0 0 0 0")]
    [InlineData("5-0x2", "5 5 5")]
    [InlineData("1x03", "1 1 1 1")]
    [InlineData("Inf -Inf inf", "Infinity -Infinity Infinity")]
    [InlineData("-Inf+1x2", "-Infinity -Infinity -Infinity")]
    [InlineData("  1 \t 2  ", "1 2")]
    [InlineData("", "")]
    public void Parse_Notation_ExpandsAsPromtool(string notation, string expected)
    {
        var values = SeriesValues.Parse(notation);

        Assert.Equal(expected, string.Join(' ', values));
    }

    [Fact]
    public void Parse_Increment_AddsRepeatedlyLikePrometheus()
    {
        var values = SeriesValues.Parse("1e-1+1e-1x2");

        // Repeated addition, not a + i·b: the third value is 0.1 + 0.1 + 0.1.
        Assert.Equal(0.30000000000000004, values[2].Value);
    }

    [Fact]
    public void Parse_NaN_IsAValueNotAStalenessMarker()
    {
        var values = SeriesValues.Parse("NaN nan NaN+1x1");

        Assert.Equal(4, values.Count);
        Assert.All(values, v => Assert.True(double.IsNaN(v.Value) && !v.IsStale && !v.Omitted));
    }

    [Fact]
    public void Parse_StaleWithIncrement_GivesPlainNaNAfterTheMarker()
    {
        var values = SeriesValues.Parse("stale+1x2");

        Assert.True(values[0].IsStale);
        Assert.True(double.IsNaN(values[1].Value) && !values[1].IsStale);
    }

    [Theory]
    [InlineData("1 stalex2 3")]
    [InlineData("-1+-2x2")]
    [InlineData("1+ 2x3")]
    [InlineData("1 x3")]
    [InlineData("1x 3")]
    [InlineData("1x-1")]
    [InlineData("1x1.5")]
    [InlineData("1+2")]
    [InlineData("1_")]
    [InlineData("Infx2")]
    [InlineData("1+Infx1")]
    [InlineData("1x3x2")]
    [InlineData("-stale")]
    [InlineData("Stale")]
    [InlineData("1e")]
    [InlineData("1.2.3")]
    [InlineData("++1")]
    [InlineData("_x")]
    [InlineData("1x")]
    [InlineData("_+1x2")]
    [InlineData("0b1")]
    [InlineData("1_000")]
    public void Parse_Malformed_ThrowsWithColumn(string notation)
    {
        var error = Assert.Throws<RuleTestFormatException>(() => SeriesValues.Parse(notation));

        Assert.StartsWith("column ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MoreThanTheLimit_Throws()
    {
        Assert.Equal(11, SeriesValues.Parse("0+1x10", maxValues: 11).Count);
        Assert.Throws<RuleTestFormatException>(() => SeriesValues.Parse("0+1x10", maxValues: 10));
        Assert.Throws<RuleTestFormatException>(() => SeriesValues.Parse("1x18446744073709551615"));
        Assert.Throws<RuleTestFormatException>(() => SeriesValues.Parse("_x5 1", maxValues: 5));
    }
}
