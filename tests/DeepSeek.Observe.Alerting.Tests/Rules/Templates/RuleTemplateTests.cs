using DeepSeek.Observe.Alerting.Rules.Templates;

namespace DeepSeek.Observe.Alerting.Tests.Rules.Templates;

public sealed class RuleTemplateTests
{
    private static readonly TemplateData s_data = new(
        new Dictionary<string, string> { ["Hostname"] = "node-3", ["gpu"] = "5", ["severity"] = "L1" },
        new Dictionary<string, string> { ["cluster"] = "prod" },
        "http://observe:9470",
        91.23456);

    [Theory]
    [InlineData("GPU {{ $labels.gpu }} on {{ $labels.Hostname }}", "GPU 5 on node-3")]
    [InlineData("{{ .Labels.gpu }}/{{ .Value }}", "5/91.23456")]
    [InlineData("{{ $value }}", "91.23456")]
    [InlineData("{{ $externalLabels.cluster }} {{ $externalURL }}", "prod http://observe:9470")]
    [InlineData("[{{ $labels.missing }}]", "[]")]
    [InlineData("{{ $value | printf \"%.1f\" }}°C", "91.2°C")]
    [InlineData("{{ printf \"%.2f\" $value }}", "91.23")]
    [InlineData("{{ printf \"%d GPUs\" 8 }}", "8 GPUs")]
    [InlineData("{{ printf \"%s-%v\" $labels.gpu $value }}", "5-91.23456")]
    [InlineData("{{ printf \"%d\" $value }}", "%!d(float64=91.23456)")]
    [InlineData("{{ printf \"%s\" }}", "%!s(MISSING)")]
    [InlineData("{{ $labels.Hostname | toUpper }}", "NODE-3")]
    [InlineData("{{ toLower \"ABC\" }} {{ title \"gpu fell off\" }}", "abc Gpu Fell Off")]
    [InlineData("{{ reReplaceAll \"node-(\\\\d+)\" \"n$1\" $labels.Hostname }}", "n3")]
    [InlineData("{{ if gt $value 90.0 }}hot{{ else }}warm{{ end }}", "hot")]
    [InlineData("{{ if eq $labels.severity \"L2\" }}a{{ else if eq $labels.severity \"L1\" }}b{{ else }}c{{ end }}", "b")]
    [InlineData("{{ if and (ge $value 1.0) (not (eq $labels.gpu \"0\")) }}yes{{ end }}", "yes")]
    [InlineData("{{ or $labels.missing \"default\" }}", "default")]
    [InlineData("a {{- \" b \" -}} c", "a b c")]
    [InlineData("x{{/* a comment */}}y", "xy")]
    [InlineData("{{ $v := $labels.gpu }}gpu {{ $v }}", "gpu 5")]
    [InlineData("no actions at all", "no actions at all")]
    public void Expand_SupportedConstructs_MatchesPrometheusOutput(string template, string expected) =>
        Assert.Equal(expected, RuleTemplate.Parse(template, "A").Expand(s_data));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1234, "1.234k")]
    [InlineData(1234567, "1.235M")]
    [InlineData(0.001234, "1.234m")]
    [InlineData(-5e9, "-5G")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(12, "12")]
    public void Humanize_Values_UsesSiPrefixesWithFourDigits(double value, string expected) =>
        Assert.Equal(expected, Expand("{{ humanize $value }}", value));

    [Theory]
    [InlineData(1, "1")]
    [InlineData(2048, "2ki")]
    [InlineData(1073741824, "1Gi")]
    public void Humanize1024_Values_UsesBinaryPrefixes(double value, string expected) =>
        Assert.Equal(expected, Expand("{{ humanize1024 $value }}", value));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1.5, "1.5s")]
    [InlineData(90, "1m 30s")]
    [InlineData(3725, "1h 2m 5s")]
    [InlineData(90061, "1d 1h 1m 1s")]
    [InlineData(0.0123, "12.3ms")]
    [InlineData(-90, "-1m 30s")]
    public void HumanizeDuration_Seconds_ReadsLikePrometheus(double value, string expected) =>
        Assert.Equal(expected, Expand("{{ humanizeDuration $value }}", value));

    [Theory]
    [InlineData(0.1234567, "12.35%")]
    [InlineData(1, "100%")]
    public void HumanizePercentage_Ratio_FourSignificantDigits(double value, string expected) =>
        Assert.Equal(expected, Expand("{{ humanizePercentage $value }}", value));

    [Theory]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456, "123456")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(double.NaN, "NaN")]
    public void Value_PrintedWithGoDefaultFormat(double value, string expected) =>
        Assert.Equal(expected, Expand("{{ $value }}", value));

    [Fact]
    public void Expand_ComparingFloatWithInteger_ReportsErrorTextLikeGo()
    {
        var text = Expand("{{ if gt $value 80 }}hot{{ end }}", 91);
        Assert.StartsWith("<error expanding template: ", text, StringComparison.Ordinal);
        Assert.Contains("incompatible types for comparison", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ $labels.x ", "template: __alert_A:1: unclosed action")]
    [InlineData("{{ $labels.x | nosuchfunc }}", "template: __alert_A:1: function \"nosuchfunc\" not defined")]
    [InlineData("{{ if }}x{{ end }}", "template: __alert_A:1: missing value for if")]
    [InlineData("{{ $foo }}", "template: __alert_A:1: undefined variable \"$foo\"")]
    [InlineData("line\n{{ if true }}", "template: __alert_A:2: unexpected EOF")]
    [InlineData("{{ end }}", "template: __alert_A:1: unexpected {{end}}")]
    [InlineData("{{ range $labels }}{{ . }}{{ end }}", "template: __alert_A:1: {{range}} is not supported by the platform's template engine")]
    [InlineData("{{ query \"up\" | first | value }}", "template: __alert_A:1: function \"query\" is not supported by the platform's template engine")]
    public void Parse_BadOrUnsupportedTemplate_FailsAtLoadWithClearMessage(string template, string message)
    {
        var error = Assert.Throws<TemplateException>(() => RuleTemplate.Parse(template, "A"));
        Assert.Equal(message, error.Message);
    }

    private static string Expand(string template, double value) =>
        RuleTemplate.Parse(template, "A").Expand(s_data with { Value = value });
}
