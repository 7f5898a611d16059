using DeepSeek.Observe.Alerting.RuleTests;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Alerting.Tests.RuleTests;

public class RuleTestFileParserTests
{
    private const string Full = """
        rule_files:
          - rules.yml
          - /etc/rules/*.yml
        evaluation_interval: 30s
        group_eval_order: [b, a]
        tests:
          - name: hot GPU
            interval: 15s
            external_labels: {cluster: lab}
            external_url: http://observe.example
            input_series:
              - series: 'DCGM_FI_DEV_GPU_TEMP{Hostname="node-a", gpu="0"}'
                values: '70x2 _ 90+1x1 stale'
            alert_rule_test:
              - eval_time: 2m
                alertname: GpuTemperatureHigh
                exp_alerts:
                  - exp_labels: {severity: L1, gpu: 0}
                    exp_annotations:
                      summary: hot
              - eval_time: 10s
                alertname: GpuTemperatureHigh
            promql_expr_test:
              - expr: max(DCGM_FI_DEV_GPU_TEMP)
                eval_time: 1m
                exp_samples:
                  - labels: '{}'
                    value: 9.1e1
                  - value: .inf
          - input_series: []
        """;

    [Fact]
    public void Parse_FullFile_ReadsEveryField()
    {
        var file = RuleTestFileParser.Parse(Full, Path.Combine("tests", "gpu.test.yml"));

        Assert.Equal([Path.Combine("tests", "rules.yml"), "/etc/rules/*.yml"], file.RuleFiles);
        Assert.Equal(TimeSpan.FromSeconds(30), file.EvaluationInterval);
        Assert.Equal(["b", "a"], file.GroupEvalOrder);
        var group = file.Tests[0];
        Assert.Equal("hot GPU", group.Name);
        Assert.Equal(TimeSpan.FromSeconds(15), group.Interval);
        Assert.Equal("lab", group.ExternalLabels["cluster"]);
        Assert.Equal("http://observe.example", group.ExternalUrl);
        var series = Assert.Single(group.InputSeries);
        Assert.Equal("node-a", series.Labels["Hostname"]);
        Assert.Equal("70 70 70 _ 90 91 stale", string.Join(' ', series.Values));
        Assert.Equal([0L, 15_000, 30_000, 60_000, 75_000, 90_000], series.Samples(group.Interval).Select(s => s.TimestampMs));
        var alert = group.AlertRuleTests[0];
        Assert.Equal((TimeSpan.FromMinutes(2), "GpuTemperatureHigh"), (alert.EvalTime, alert.AlertName));
        Assert.Equal("0", alert.ExpectedAlerts[0].Labels["gpu"]);
        Assert.Equal("hot", alert.ExpectedAlerts[0].Annotations["summary"]);
        Assert.Empty(group.AlertRuleTests[1].ExpectedAlerts);
        var expr = Assert.Single(group.PromqlExprTests);
        Assert.Equal("max(DCGM_FI_DEV_GPU_TEMP)", expr.Expression);
        Assert.Equal([91, double.PositiveInfinity], expr.ExpectedSamples.Select(s => s.Value));
        Assert.Empty(expr.ExpectedSamples[0].Labels);
        // A group without an interval uses the file's evaluation interval.
        Assert.Equal(TimeSpan.FromSeconds(30), file.Tests[1].Interval);
    }

    [Fact]
    public void Parse_NoEvaluationInterval_DefaultsToOneMinute()
    {
        var file = RuleTestFileParser.Parse("tests:\n  - name: x\n", "t.yml");

        Assert.Equal(TimeSpan.FromMinutes(1), file.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), file.Tests[0].Interval);
    }

    [Fact]
    public void Parse_KeysWithNothingAfterThem_AreEmpty()
    {
        // "exp_samples:" with no items is YAML's null: promtool reads it as no samples (expects an empty result).
        var file = RuleTestFileParser.Parse("tests:\n  - name:\n    promql_expr_test:\n      - expr: up\n        exp_samples:\n    alert_rule_test:\n      - alertname: A\n        exp_alerts:\n", "t.yml");

        Assert.Empty(Assert.Single(file.Tests[0].PromqlExprTests).ExpectedSamples);
        Assert.Empty(Assert.Single(file.Tests[0].AlertRuleTests).ExpectedAlerts);
        Assert.Equal(string.Empty, file.Tests[0].Name);
    }

    [Theory]
    [InlineData("rule_file: [a.yml]\n", "t.yml:1:1: the file: unknown field \"rule_file\"")]
    [InlineData("tests:\n  - input_series:\n      - series: m\n        value: '1'\n", "t.yml:4:9: tests[0].input_series[0]: unknown field \"value\"")]
    [InlineData("tests:\n  - alert_rule_test:\n      - eval_time: 1m\n        alertname: A\n        exp_alerts:\n          - exp_label: {a: b}\n", "tests[0].alert_rule_test[0].exp_alerts[0]: unknown field \"exp_label\"")]
    [InlineData("tests:\n  - input_series:\n      - series: m\n        values: '1 2x'\n", "t.yml:4:17: tests[0].input_series[0].values: column")]
    [InlineData("tests:\n  - input_series:\n      - series: 'm{a=~\"b\"}'\n        values: '1'\n", "tests[0].input_series[0].series: column")]
    [InlineData("tests:\n  - input_series:\n      - series: '{}'\n        values: '1'\n", "tests[0].input_series[0].series: empty labelset")]
    [InlineData("evaluation_interval: 1 minute\n", "evaluation_interval: not a valid duration string")]
    [InlineData("evaluation_interval: 0\n", "evaluation_interval: must be positive")]
    [InlineData("tests:\n  - alert_rule_test:\n      - eval_time: 1m\n", "tests[0].alert_rule_test[0]: alertname is required")]
    [InlineData("tests:\n  - promql_expr_test:\n      - expr: up\n        exp_samples:\n          - value: one\n", "tests[0].promql_expr_test[0].exp_samples[0].value: not a number")]
    [InlineData("tests: {a: 1}\n", "tests: expected a list")]
    [InlineData("tests:\n  - name: a\n    name: b\n", "t.yml")]
    [InlineData("tests: [\n", "t.yml:")]
    [InlineData("", "t.yml: the file is empty")]
    public void Parse_Malformed_ThrowsWithWhereAndWhat(string yaml, string expected)
    {
        var error = Assert.Throws<RuleTestFormatException>(() => RuleTestFileParser.Parse(yaml, "t.yml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeriesOverTheValueLimit_Throws()
    {
        var error = Assert.Throws<RuleTestFormatException>(() =>
            RuleTestFileParser.Parse("tests:\n  - input_series:\n      - series: m\n        values: '0x100'\n", "t.yml", maxValuesPerSeries: 50));

        Assert.Contains("more than 50 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TheRepositorysRuleTests_ReadsEveryFile()
    {
        var files = Directory.GetFiles(RepositoryLayout.PathOf("alert-rules", "tests"), "*.test.yml");
        Assert.NotEmpty(files);

        foreach (var path in files)
        {
            var file = RuleTestFileParser.Parse(File.ReadAllText(path), path);

            Assert.NotEmpty(file.Tests);
            Assert.All(file.RuleFiles, rules => Assert.Single(RuleFileGlob.Expand(rules)));
            Assert.All(file.Tests, t => Assert.NotEmpty(t.InputSeries));
        }
    }
}
