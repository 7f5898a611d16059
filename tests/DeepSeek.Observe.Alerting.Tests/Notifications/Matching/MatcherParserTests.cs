using DeepSeek.Observe.Alerting.Notifications.Matching;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Tests.Notifications.Matching;

public sealed class MatcherParserTests
{
    [Theory]
    [InlineData("a=\"b\"", "a", MatcherType.Equal, "b")]
    [InlineData("a = b", "a", MatcherType.Equal, "b")]
    [InlineData("a!=\"b c\"", "a", MatcherType.NotEqual, "b c")]
    [InlineData("a=~\"L2|L3\"", "a", MatcherType.Regex, "L2|L3")]
    [InlineData("a!~x.*", "a", MatcherType.NotRegex, "x.*")]
    [InlineData("a=\"say \\\"hi\\\"\"", "a", MatcherType.Equal, "say \"hi\"")]
    [InlineData("a=\"\"", "a", MatcherType.Equal, "")]
    public void TryParse_StringForms_ReadsNameOperatorValue(string text, string name, MatcherType type, string value)
    {
        Assert.True(MatcherParser.TryParse(text, out var matcher, out var error), error);

        Assert.Equal((name, type, value), (matcher.Name, matcher.Type, matcher.Value));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("1a=b")]
    [InlineData("a=\"b")]
    [InlineData("a=~\"(\"")]
    public void TryParse_Invalid_ReportsError(string text)
    {
        Assert.False(MatcherParser.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParseList_BracesAndCommas_ReadsEachMatcher()
    {
        Assert.True(MatcherParser.TryParseList("{a=\"x,y\", b=~\"c|d\"}", out var matchers, out var error), error);

        Assert.Equal(["a=\"x,y\"", "b=~\"c|d\""], matchers.Select(m => m.ToString()));
    }

    [Fact]
    public void Matches_RegexIsAnchoredAndAbsentLabelIsEmpty()
    {
        var labels = LabelSet.Create(new Label("severity", "L2x"));

        Assert.False(Matcher.Create("severity", MatcherType.Regex, "L2").Matches(labels));
        Assert.True(Matcher.Create("severity", MatcherType.Regex, "L2.*").Matches(labels));
        Assert.True(Matcher.Create("node", MatcherType.Equal, "").Matches(labels));
        Assert.False(Matcher.Create("node", MatcherType.NotEqual, "").Matches(labels));
    }
}
