using DeepSeek.Observe.Alerting.Rules;
using DeepSeek.Observe.Core.Query;
using DeepSeek.Observe.Query;
using DeepSeek.Observe.Query.Promql;
using DeepSeek.Observe.Testing;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Tests.Rules;

public sealed class RuleFileLoaderTests
{
    // One file with most of rulefmt's rule-level errors; each rule has at most one label so Go's map order does not matter.
    private const string BrokenFile = """
        groups:
          - name: g
            interval: 30s
            rules:
              - alert: HighTemp
                record: x
                expr: temp > 85
              - alert: Bad
                expr: sum(
                labels:
                  severity: "{{ $labels.x "
              - record: "bad name"
                expr: up
                for: 5m
                keep_firing_for: 1m
                annotations:
                  a: b
              - expr: up
              - alert: BadLabel
                expr: up
                labels:
                  __name__: x
                annotations:
                  1a: x
          - name: g
            rules: []
          - name: ""
        """;

    private static readonly string[] s_brokenFileErrors =
    [
        "broken.yml: 6:17: 5:16: group \"g\", rule 1, \"HighTemp\": only one of 'record' and 'alert' must be set",
        "broken.yml: 9:15: group \"g\", rule 2, \"Bad\": could not parse expression: 1:5: parse error: unclosed left parenthesis",
        "broken.yml: group \"g\", rule 2, \"Bad\": label \"severity\": template: __alert_Bad:1: unclosed action",
        "broken.yml: 12:17: group \"g\", rule 3, \"bad name\": invalid field 'annotations' in recording rule",
        "broken.yml: 12:17: group \"g\", rule 3, \"bad name\": invalid field 'for' in recording rule",
        "broken.yml: 12:17: group \"g\", rule 3, \"bad name\": invalid field 'keep_firing_for' in recording rule",
        "broken.yml: 12:17: group \"g\", rule 3, \"bad name\": invalid recording rule name: bad name",
        "broken.yml: 0:0: group \"g\", rule 4, \"\": one of 'record' or 'alert' must be set",
        "broken.yml: group \"g\", rule 5, \"BadLabel\": invalid label name: __name__",
        "broken.yml: group \"g\", rule 5, \"BadLabel\": invalid annotation name: 1a",
        "broken.yml: 25:5: groupname: \"g\" is repeated in the same file",
        "broken.yml: 27:5: Groupname must not be empty",
    ];

    [Fact]
    public void Parse_ValidFile_ReturnsGroupsAndRulesInOrder()
    {
        var result = Loader().Parse("""
            groups:
              - name: gpu
                interval: 15s
                limit: 10
                rules:
                  - record: node:gpu_temp:max
                    expr: max by (Hostname) (DCGM_FI_DEV_GPU_TEMP)
                    labels: { layer: Hardware }
                  - alert: GpuHot
                    expr: node:gpu_temp:max > 85
                    for: 2m
                    keep_firing_for: 1m
                    labels: { severity: L1 }
                    annotations: { summary: "{{ $labels.Hostname }} is hot" }
            """, "gpu.yml");

        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        var group = Assert.Single(result.Groups);
        Assert.Equal(("gpu", "gpu.yml", TimeSpan.FromSeconds(15), 10), (group.Name, group.File, group.Interval!.Value, group.Limit));
        Assert.Equal([RuleKind.Recording, RuleKind.Alerting], group.Rules.Select(r => r.Kind));
        var alert = group.Rules[1];
        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)), (alert.For, alert.KeepFiringFor));
        Assert.Equal("summary", Assert.Single(alert.Annotations).Key);
    }

    [Fact]
    public void Parse_BrokenFile_ReportsEveryErrorLikePromtool() =>
        Assert.Equal(s_brokenFileErrors, Loader().Parse(BrokenFile, "broken.yml").Errors);

    [Fact]
    public async Task Promtool_BrokenFile_ReportsTheSameErrors()
    {
        var directory = Directory.CreateTempSubdirectory("rules-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "broken.yml"), BrokenFile);
            var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
                TestServers.Promtool, ["check", "rules", "broken.yml"], TimeSpan.FromSeconds(60), directory.FullName);

            Assert.Equal(1, exitCode);
            var promtoolLines = (stdout + stderr).Split('\n', StringSplitOptions.TrimEntries);
            Assert.All(s_brokenFileErrors, error => Assert.Contains(error, promtoolLines));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_UnknownField_IsAnUnmarshalError()
    {
        var result = Loader().Parse("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        foo: bar\n", "f.yml");
        Assert.Equal("f.yml: yaml: unmarshal errors:\n  line 6: field foo not found in type rulefmt.RuleNode", Assert.Single(result.Errors));
        Assert.Empty(result.Groups);
    }

    [Fact]
    public void Parse_BadDuration_StopsWithDurationError() =>
        Assert.Equal(
            "f.yml: not a valid duration string: \"5x\"",
            Assert.Single(Loader().Parse("groups:\n  - name: g\n    interval: 5x\n    rules: []\n", "f.yml").Errors));

    [Theory]
    [InlineData("")]
    [InlineData("groups:\n")]
    public void Parse_EmptyFile_HasNoGroupsAndNoErrors(string yaml)
    {
        var result = Loader().Parse(yaml, "empty.yml");
        Assert.True(result.Succeeded);
        Assert.Empty(result.Groups);
    }

    [Fact]
    public void Parse_MalformedYaml_ReportsLine() =>
        Assert.StartsWith("bad.yml: yaml: line", Assert.Single(Loader().Parse("groups: [\n  - name: x\n", "bad.yml").Errors), StringComparison.Ordinal);

    [Fact]
    public void Load_Glob_ReadsMatchingFilesSorted()
    {
        var directory = Directory.CreateTempSubdirectory("rules-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "b.yml"), "groups:\n  - name: b\n    rules: []\n");
            File.WriteAllText(Path.Combine(directory.FullName, "a.yml"), "groups:\n  - name: a\n    rules: []\n");
            File.WriteAllText(Path.Combine(directory.FullName, "c.txt"), "not yaml: [");
            var result = Loader().Load([Path.Combine(directory.FullName, "*.yml"), Path.Combine(directory.FullName, "none-*.yml")]);
            Assert.True(result.Succeeded, string.Join('\n', result.Errors));
            Assert.Equal(["a", "b"], result.Groups.Select(g => g.Name));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_MissingFile_IsAnError() =>
        Assert.Single(Loader().Load(["/nonexistent/rules.yml"]).Errors);

    internal static RuleFileLoader Loader() => new(Evaluator());

    internal static IPromqlEvaluator Evaluator() => new PromqlEvaluator(new EmptyQuerier(), Options.Create(new QueryOptions()));

    private sealed class EmptyQuerier : Core.Series.ISeriesQuerier
    {
        public IReadOnlyList<Core.LabelSet> Series(IReadOnlyList<Core.Series.LabelMatcher> matchers, long startMs, long endMs, int limit) => [];

        public IReadOnlyList<Core.Sample> Samples(Core.LabelSet series, long startMs, long endMs) => [];
    }
}
