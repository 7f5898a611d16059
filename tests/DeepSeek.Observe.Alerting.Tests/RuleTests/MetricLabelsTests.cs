using DeepSeek.Observe.Alerting.RuleTests;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Tests.RuleTests;

public class MetricLabelsTests
{
    [Theory]
    [InlineData("up", "up{}")]
    [InlineData("job:up:sum{a=\"b\"}", "job:up:sum{a=\"b\"}")]
    [InlineData(" m { b = \"2\" , a='1', } ", "m{a=\"1\", b=\"2\"}")]
    [InlineData("{__name__=\"m\", gpu=\"0\"}", "m{gpu=\"0\"}")]
    [InlineData("{a=\"1\"}", "{a=\"1\"}")]
    [InlineData("m{}", "m{}")]
    [InlineData("m{on=\"by\"}", "m{on=\"by\"}")]
    [InlineData("m{a=`raw \\n`}", "m{a=\"raw \\\\n\"}")]
    [InlineData("m{a=\"\"}", "m{}")]
    public void Parse_Series_GivesItsLabels(string text, string expected)
    {
        Assert.Equal(expected, MetricLabels.Parse(text).ToString());
    }

    [Fact]
    public void Parse_GoEscapes_AreDecoded()
    {
        var labels = MetricLabels.Parse("m{a=\"q\\\"t\\\\n\\n\\t\\x41\\u00e9\\101\", b='it\\'s'}");

        Assert.Equal("q\"t\\n\n\tAé" + "A", labels["a"]);
        Assert.Equal("it's", labels["b"]);
    }

    [Fact]
    public void Parse_Empty_IsTheEmptySet()
    {
        Assert.Same(LabelSet.Empty, MetricLabels.Parse("  "));
        Assert.Same(LabelSet.Empty, MetricLabels.Parse("{ }"));
    }

    [Theory]
    [InlineData("m{a=~\"b\"}")]
    [InlineData("m{a!=\"b\"}")]
    [InlineData("m{a==\"b\"}")]
    [InlineData("m{a=\"b\"")]
    [InlineData("m{a=\"b}")]
    [InlineData("m{a=b}")]
    [InlineData("m{a=\"1\" b=\"2\"}")]
    [InlineData("m{a=\"1\", a=\"2\"}")]
    [InlineData("m{__name__=\"n\"}")]
    [InlineData("m{1a=\"b\"}")]
    [InlineData("1m")]
    [InlineData("m x")]
    [InlineData("m{a=\"\\q\"}")]
    public void Parse_Malformed_Throws(string text)
    {
        Assert.Throws<RuleTestFormatException>(() => MetricLabels.Parse(text));
    }
}
