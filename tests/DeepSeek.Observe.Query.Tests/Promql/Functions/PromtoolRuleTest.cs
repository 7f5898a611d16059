using System.Globalization;
using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

/// <summary>
/// Builds a <c>promtool test rules</c> unit-test file whose expected samples are the values OUR functions compute,
/// and runs the real Prometheus 2.42 engine on it: promtool exits 0 only when every expression evaluates to exactly
/// those samples. promtool 2.42 compares values with ==, bit for bit (0.3 ≠ 0.30000000000000004), so the expected
/// values are written with .NET's shortest round-trip format, which Go's YAML float parser reads back exactly.
/// NaN never equals NaN there, so an expression expected to yield NaN is checked as <c>(e) != bool (e)</c> = 1.
/// </summary>
internal sealed class PromtoolRuleTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    private readonly long _intervalMs;
    private readonly StringBuilder _series = new();
    private readonly StringBuilder _cases = new();

    public PromtoolRuleTest(TimeSpan interval)
    {
        _intervalMs = (long)interval.TotalMilliseconds;
    }

    public int CaseCount { get; private set; }

    /// <summary>
    /// Adds an input series in promtool's expanding notation ("0+10x5", "1 _ 3", "7-2x3") and returns its points
    /// (sample i at i × interval, "_" leaves a gap), expanded as Prometheus does: repeated addition.
    /// </summary>
    public Sample[] AddSeries(string series, string notation)
    {
        _series.Append("      - series: '").Append(series).Append("'\n        values: '").Append(notation).Append("'\n");
        var points = new List<Sample>();
        var index = 0L;
        foreach (var token in notation.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "_")
            {
                index++;
                continue;
            }

            var x = token.IndexOf('x', StringComparison.Ordinal);
            if (x < 0)
            {
                points.Add(new Sample(index++ * _intervalMs, Parse(token)));
                continue;
            }

            var body = token[..x];
            var times = int.Parse(token.AsSpan(x + 1), CultureInfo.InvariantCulture);
            var sign = body.IndexOfAny(['+', '-'], 1);
            if (sign < 0)
            {
                throw new ArgumentException($"write \"{token}\" as a+bxn (a bare axn is newer than 2.42)", nameof(notation));
            }

            var value = Parse(body[..sign]);
            var step = Parse(body[sign..]);
            for (var j = 0; j <= times; j++)
            {
                points.Add(new Sample(index++ * _intervalMs, value));
                value += step;
            }
        }

        return [.. points];
    }

    /// <summary>Expects <paramref name="expr"/> at <paramref name="evalTimeMs"/> to give exactly these samples.</summary>
    public void Expect(string expr, long evalTimeMs, params (string Labels, double Value)[] samples)
    {
        CaseCount++;
        if (samples.Any(s => double.IsNaN(s.Value)))
        {
            expr = $"({expr}) != bool ({expr})";
            samples = [.. samples.Select(s => (WithoutName(s.Labels), double.IsNaN(s.Value) ? 1.0 : 0.0))];
        }

        _cases.Append("      - expr: '").Append(expr.Replace("'", "''", StringComparison.Ordinal)).Append("'\n")
            .Append("        eval_time: ").Append(evalTimeMs).Append("ms\n")
            .Append("        exp_samples:\n");
        foreach (var (labels, value) in samples)
        {
            _cases.Append("          - labels: '").Append(labels.Replace("'", "''", StringComparison.Ordinal)).Append("'\n")
                .Append("            value: ").Append(Yaml(value)).Append('\n');
        }

        if (samples.Length == 0)
        {
            _cases.Length -= "        exp_samples:\n".Length;
            _cases.Append("        exp_samples: []\n");
        }
    }

    /// <summary>Runs promtool on the file; returns its exit code and combined output (and the file, for failures).</summary>
    public async Task<(int ExitCode, string Output)> RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("observe-promql-oracle-");
        try
        {
            var file = Path.Combine(directory.FullName, "oracle.yml");
            var yaml = $"evaluation_interval: 1m\ntests:\n  - interval: {_intervalMs}ms\n    input_series:\n{_series}    promql_expr_test:\n{_cases}";
            await File.WriteAllTextAsync(file, yaml);
            var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(TestServers.Promtool, ["test", "rules", file], s_timeout);
            return (exitCode, stdout + stderr);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Points of <paramref name="points"/> in the closed window [end − range, end] (Prometheus 2.x selection).</summary>
    public static Sample[] Window(Sample[] points, long endMs, long rangeMs) =>
        [.. points.Where(p => p.TimestampMs >= endMs - rangeMs && p.TimestampMs <= endMs)];

    /// <summary>The sample an instant selector picks at <paramref name="timeMs"/>: the latest within the 5m lookback.</summary>
    public static Sample? Instant(Sample[] points, long timeMs)
    {
        var candidates = Window(points, timeMs, 300_000);
        return candidates.Length == 0 ? null : candidates[^1];
    }

    private static string WithoutName(string labels)
    {
        var brace = labels.IndexOf('{', StringComparison.Ordinal);
        return brace <= 0 ? labels : labels[brace..];
    }

    private static double Parse(string text) => text switch
    {
        "Inf" or "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Yaml(double value) =>
        double.IsPositiveInfinity(value) ? ".Inf"
        : double.IsNegativeInfinity(value) ? "-.Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
