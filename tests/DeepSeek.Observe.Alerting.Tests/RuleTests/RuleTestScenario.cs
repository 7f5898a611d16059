using DeepSeek.Observe.Alerting.RuleTests;
using DeepSeek.Observe.Alerting.Tests.Rules;

namespace DeepSeek.Observe.Alerting.Tests.RuleTests;

/// <summary>
/// A rule file and a rule-test file in a temporary directory, passing as written; tests break one thing with
/// <see cref="Write"/>'s replacements and check how the runner (and promtool) report it.
/// </summary>
internal sealed class RuleTestScenario : IDisposable
{
    public const string Rules = """
        groups:
          - name: gpu
            rules:
              - record: node:gpu_temp:max
                expr: max by (Hostname) (gpu_temp)
              - alert: GpuHot
                expr: gpu_temp > 85
                for: 2m
                labels:
                  severity: L1
                  node: "{{ $labels.Hostname }}"
                annotations:
                  summary: "GPU {{ $labels.gpu }} on {{ $labels.Hostname }} at {{ $value }} °C"
                  source: "{{ $externalLabels.cluster }} {{ $externalURL }}"
        """;

    // GPU 0 is hot from 1m: pending at 1m and 2m, firing from 3m (for: 2m). GPU 1 stays cool.
    public const string Test = """
        rule_files: [rules.yml]
        evaluation_interval: 1m
        tests:
          - name: a hot GPU
            interval: 1m
            external_labels: {cluster: c1}
            external_url: http://observe.example
            input_series:
              - series: 'gpu_temp{Hostname="n1", gpu="0"}'
                values: '70 90x10'
              - series: 'gpu_temp{Hostname="n1", gpu="1"}'
                values: '60x10'
            alert_rule_test:
              - eval_time: 2m
                alertname: GpuHot
                exp_alerts: []
              - eval_time: 3m
                alertname: GpuHot
                exp_alerts:
                  - exp_labels: {severity: L1, node: n1, Hostname: n1, gpu: "0"}
                    exp_annotations: {summary: "GPU 0 on n1 at 90 °C", source: "c1 http://observe.example"}
            promql_expr_test:
              - expr: node:gpu_temp:max
                eval_time: 5m
                exp_samples:
                  - labels: 'node:gpu_temp:max{Hostname="n1"}'
                    value: 90
              - expr: ALERTS
                eval_time: 3m
                exp_samples:
                  - labels: 'ALERTS{alertname="GpuHot", alertstate="firing", severity="L1", node="n1", Hostname="n1", gpu="0"}'
                    value: 1
        """;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("rule-test-").FullName;

    public string TestPath => Path.Combine(Directory, "case.test.yml");

    /// <summary>Writes the rule and test files, each replacement applied once (and required to apply).</summary>
    public string Write(string rules = Rules, string test = Test, params (string From, string To)[] replacements)
    {
        foreach (var (from, to) in replacements)
        {
            var inRules = rules.Contains(from, StringComparison.Ordinal);
            Assert.True(inRules || test.Contains(from, StringComparison.Ordinal), $"'{from}' is in neither file: the case would test nothing");
            if (inRules)
            {
                rules = rules.Replace(from, to, StringComparison.Ordinal);
            }
            else
            {
                test = test.Replace(from, to, StringComparison.Ordinal);
            }
        }

        File.WriteAllText(Path.Combine(Directory, "rules.yml"), rules);
        File.WriteAllText(TestPath, test);
        return TestPath;
    }

    public static RuleTestRunner Runner() => new(RuleFileLoaderTests.Evaluator());

    public static async Task<(RuleTestFileResult Result, string Output, string Error)> RunAsync(string path)
    {
        var result = await Runner().RunAsync(path, CancellationToken.None);
        using var output = new StringWriter();
        using var error = new StringWriter();
        await RuleToolReport.WriteAsync(result, output, error);
        return (result, output.ToString(), error.ToString());
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
