using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql;

namespace DeepSeek.Observe.Query.Tests;

public class SeriesSelectorParserTests
{
    [Theory]
    [InlineData("up", "__name__=\"up\"")]
    [InlineData("up{}", "__name__=\"up\"")]
    [InlineData("  node:gpu_util:avg5m { Hostname = \"n1\" } ", "__name__=\"node:gpu_util:avg5m\"; Hostname=\"n1\"")]
    [InlineData("{__name__=~\"DCGM_.*\",gpu!=\"0\",}", "__name__=~\"DCGM_.*\"; gpu!=\"0\"")]
    [InlineData("sum{job=\"x\"}", "__name__=\"sum\"; job=\"x\"")]
    [InlineData("up{a!~'x|y', b=`c\\d`}", "__name__=\"up\"; a!~\"x|y\"; b=\"c\\\\d\"")]
    [InlineData("up{a=\"q\\\"uote\\n\"}", "__name__=\"up\"; a=\"q\\\"uote\\n\"")]
    public void Parse_ValidSelector_ReturnsMatchers(string selector, string expected)
    {
        Assert.Equal(expected, string.Join("; ", SeriesSelectorParser.Parse(selector)));
    }

    [Theory]
    [InlineData("", "is not a series selector")]
    [InlineData("{}", "at least one non-empty matcher")]
    [InlineData("up{a=\"b\"", "expected")]
    [InlineData("up{a=b}", "1:6: parse error: unexpected identifier \"b\" in label matching, expected string")]
    [InlineData("up{a==\"b\"}", "1:6: parse error: unexpected \"=\" in label matching, expected string")]
    [InlineData("up{a=\"b}", "unterminated quoted string")]
    [InlineData("up{1a=\"b\"}", "1:4: parse error: unexpected character inside braces: '1'")]
    [InlineData("up{a=~\"(\"}", "invalid regular expression")]
    [InlineData("up{a=\"\\q\"}", "unknown escape sequence")]
    [InlineData("up{a=\"\\xZZ\"}", "illegal character U+005A 'Z' in escape sequence")]
    [InlineData("up extra", "1:4: parse error: unexpected identifier \"extra\"")]
    [InlineData("up offset 5m", "is not a series selector")]
    [InlineData("up[5m]", "is not a series selector")]
    [InlineData("rate(up[5m])", "is not a series selector")]
    [InlineData("up + 1", "is not a series selector")]
    [InlineData("{a=\"\"}", "at least one non-empty matcher")]
    [InlineData("{a=~\".*\"}", "at least one non-empty matcher")]
    public void Parse_InvalidSelector_ThrowsParseError(string selector, string expected)
    {
        var error = Assert.Throws<PromqlParseException>(() => SeriesSelectorParser.Parse(selector));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RegexMatcher_IsFullyAnchored()
    {
        var matcher = SeriesSelectorParser.Parse("{job=~\"gpu\"}").Single();

        Assert.Equal(LabelMatchType.Regex, matcher.Type);
        Assert.True(matcher.Matches("gpu"));
        Assert.False(matcher.Matches("gpu0"));
        Assert.False(matcher.Matches("a gpu"));
    }
}
