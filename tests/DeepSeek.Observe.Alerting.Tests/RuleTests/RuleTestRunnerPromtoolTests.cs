using DeepSeek.Observe.Alerting.RuleTests;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Alerting.Tests.RuleTests;

/// <summary>
/// The runner against the real promtool 2.42 on the same files: the scenario as written and broken in one way at a
/// time must give the same verdict and the same text, character for character, on standard output and error.
/// </summary>
public sealed class RuleTestRunnerPromtoolTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly RuleTestScenario _scenario = new();

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "as written", "rule_files:", "rule_files:" },
        { "wrong value", "value: 90", "value: 91" },
        { "wrong labels", "{Hostname=\"n1\"}'", "{Hostname=\"n2\"}'" },
        { "wrong annotation", "at 90 °C", "at 91 °C" },
        { "missing alert", "eval_time: 3m\n        alertname", "eval_time: 2m30s\n        alertname" },
        { "extra alert", "eval_time: 2m\n        alertname", "eval_time: 4m\n        alertname" },
        { "rule threshold", "gpu_temp > 85", "gpu_temp > 95" },
        { "rule labels", "severity: L1\n", "severity: L2\n" },
        { "no sample expected", "          - labels: 'node:gpu_temp:max{Hostname=\"n1\"}'\n            value: 90\n", string.Empty },
        { "evaluation interval", "evaluation_interval: 1m", "evaluation_interval: 90s" },
        { "quoted expression", "expr: ALERTS\n", "expr: ALERTS{alertname=\"GpuHot\"}\n" },
        { "label template expanding to nothing", "node: \"{{ $labels.Hostname }}\"", "node: \"{{ $labels.nope }}\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_SameVerdictAndTextAsPromtool(string name, string from, string to)
    {
        var path = _scenario.Write(replacements: (from, to));

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["test", "rules", path], s_timeout, _scenario.Directory);
        var (result, output, error) = await RuleTestScenario.RunAsync(path);

        Assert.True(exitCode == 0 == (result.Outcome == RuleTestOutcome.Passed), $"{name}: promtool exited {exitCode}, we said {result.Outcome}:\n{stdout}{stderr}");
        Assert.Equal(stdout, output);
        Assert.Equal(stderr, error);
    }

    public void Dispose() => _scenario.Dispose();
}
