using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

public class LabelFunctionsTests
{
    private static readonly LabelSet s_series = LabelSet.Create(new Label("__name__", "up"), new Label("src", "abc-123"), new Label("job", "x"));

    private static string? Replace(string replacement, string regex, string source = "src") =>
        LabelReplace.Create("dst", replacement, source, regex).Apply(s_series)["dst"];

    [Theory]
    [InlineData("$1", "(.*)-(.*)", "abc")]
    [InlineData("${2}_$1", "(.*)-(.*)", "123_abc")]
    [InlineData("$1x", "(.*)-(.*)", null)] // "$1x" names group "1x": empty, so dst is not set
    [InlineData("${1}x", "(.*)-(.*)", "abcx")]
    [InlineData("$$1", "(.*)", "$1")]
    [InlineData("cost $", "(.*)", "cost $")]
    [InlineData("${", "(.*)", "${")]
    [InlineData("$x/$2", "(?P<x>[a-z]+)-(\\d+)", "abc/123")] // Go numbers named groups in order; .NET would not
    [InlineData("$0", "[a-z]+-\\d{3}", "abc-123")]
    [InlineData("$9", "(.*)", null)]
    public void Expand_GoTemplateRules(string replacement, string regex, string? expected)
    {
        Assert.Equal(expected, Replace(replacement, regex));
    }

    [Fact]
    public void Replace_AnchoredNoPartialMatch()
    {
        Assert.Null(Replace("hit", "abc"));
        Assert.Equal("hit", Replace("hit", "abc.*"));
    }

    [Fact]
    public void Replace_NoMatch_ReturnsSameSet()
    {
        Assert.Same(s_series, LabelReplace.Create("dst", "v", "src", "zzz").Apply(s_series));
    }

    [Fact]
    public void Replace_EmptyResult_RemovesDestination()
    {
        var result = LabelReplace.Create("job", "", "src", ".*").Apply(s_series);

        Assert.Null(result["job"]);
        Assert.Equal("up", result.MetricName);
    }

    [Fact]
    public void Replace_Re2Semantics()
    {
        var unicode = LabelSet.Create(new Label("src", "٣"));
        var newline = LabelSet.Create(new Label("src", "ab\n"));

        // \d is ASCII in RE2, Unicode in .NET.
        Assert.Null(LabelReplace.Create("dst", "d", "src", "\\d").Apply(unicode)["dst"]);
        // $ is end of text in RE2, also before a final newline in .NET.
        Assert.Null(LabelReplace.Create("dst", "e", "src", "ab$").Apply(newline)["dst"]);
        Assert.Equal("p", LabelReplace.Create("dst", "p", "src", "[[:alpha:]]+-[[:digit:]]+").Apply(s_series)["dst"]);
        Assert.Equal("q", LabelReplace.Create("dst", "q", "src", "\\Qabc-\\E\\pN+").Apply(s_series)["dst"]);
        Assert.Equal("o", LabelReplace.Create("dst", "o", "src", "\\x{61}\\142c-[\\d]+").Apply(s_series)["dst"]);
    }

    [Theory]
    [InlineData("(")]
    [InlineData("(a)\\1")]
    [InlineData("a(?=b)")]
    [InlineData("(?<n>a)")]
    [InlineData("a{1001}")]
    [InlineData("\\Z")]
    [InlineData("(?P<n>a)(?P<n>b)")]
    public void Replace_PatternRe2Rejects_Throws(string regex)
    {
        var error = Assert.Throws<PromqlFunctionException>(() => LabelReplace.Create("dst", "", "src", regex));
        Assert.Equal($"invalid regular expression in label_replace(): {regex}", error.Message);
    }

    [Fact]
    public void Replace_InvalidDestination_Throws()
    {
        var error = Assert.Throws<PromqlFunctionException>(() => LabelReplace.Create("1dst", "", "src", ".*"));
        Assert.Equal("invalid destination label name in label_replace(): 1dst", error.Message);
    }

    [Fact]
    public void Join_MissingSourcesEmpty()
    {
        var result = LabelJoin.Create("joined", "-", ["job", "missing", "src"]).Apply(s_series);

        Assert.Equal("x--abc-123", result["joined"]);
        Assert.Null(LabelJoin.Create("job", ",", ["missing"]).Apply(s_series)["job"]);
    }

    [Fact]
    public void Join_InvalidNames_ThrowSourceFirst()
    {
        var error = Assert.Throws<PromqlFunctionException>(() => LabelJoin.Create("1bad", "-", ["2bad"]));
        Assert.Equal("invalid source label name in label_join(): 2bad", error.Message);
        error = Assert.Throws<PromqlFunctionException>(() => LabelJoin.Create("1bad", "-", ["ok"]));
        Assert.Equal("invalid destination label name in label_join(): 1bad", error.Message);
    }
}
