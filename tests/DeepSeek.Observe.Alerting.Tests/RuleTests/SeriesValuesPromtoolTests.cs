using System.Globalization;
using System.Text;
using DeepSeek.Observe.Alerting.RuleTests;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Alerting.Tests.RuleTests;

/// <summary>
/// The values notation against the real promtool 2.42: for each notation, a test file asserting, step by step, the
/// samples our expansion produces must pass promtool; a notation we reject must fail promtool's parse too.
/// </summary>
public sealed class SeriesValuesPromtoolTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("series-values-").FullName;

    [Theory]
    [InlineData("1 2 3")]
    [InlineData("1x3 _x2 4+0.5x2")]
    [InlineData("1e-1+1e-1x9")]
    [InlineData("10-3x4 stale 1 +2x2")]
    [InlineData("_ _x0 7 0x2 -Inf+1x1 Inf")]
    [InlineData("1.e2 .5 5-0x2 1x03")]
    public async Task Expansion_MatchesPromtool(string notation)
    {
        var values = SeriesValues.Parse(notation);
        var file = WriteTest(notation, values);

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["test", "rules", file], s_timeout, _directory);

        Assert.True(exitCode == 0, $"promtool disagrees with our expansion of \"{notation}\":\n{stdout}{stderr}");
    }

    [Theory]
    [InlineData("1 stalex2 3")]
    [InlineData("-1+-2x2")]
    [InlineData("1+2")]
    [InlineData("1x1.5")]
    [InlineData("Infx2")]
    public async Task Rejection_MatchesPromtool(string notation)
    {
        Assert.Throws<RuleTestFormatException>(() => SeriesValues.Parse(notation));
        var file = WriteTest(notation, []);

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["test", "rules", file], s_timeout, _directory);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("parse error", stdout + stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // One expression test per step: last_over_time(m[1s]) sees exactly the sample at that step, or nothing for "_" and
    // "stale". One step past the end checks that nothing more was produced.
    private string WriteTest(string notation, IReadOnlyList<SeriesValue> values)
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"tests:\n  - interval: 1m\n    input_series:\n      - series: 'm'\n        values: '{notation}'\n    promql_expr_test:\n");
        for (var step = 0; step <= values.Count; step++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - expr: last_over_time(m[1s])\n        eval_time: {step}m\n        exp_samples:");
            if (step < values.Count && values[step] is { Omitted: false, IsStale: false } value)
            {
                var text = double.IsPositiveInfinity(value.Value) ? ".inf" : double.IsNegativeInfinity(value.Value) ? "-.inf" : value.Value.ToString("R", CultureInfo.InvariantCulture);
                yaml.Append(CultureInfo.InvariantCulture, $"\n          - labels: 'm'\n            value: {text}\n");
            }
            else
            {
                yaml.Append(" []\n");
            }
        }

        var path = Path.Combine(_directory, $"values-{Guid.NewGuid():N}.test.yml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }
}
