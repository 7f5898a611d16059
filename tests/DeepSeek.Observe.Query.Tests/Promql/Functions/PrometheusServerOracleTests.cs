using System.Globalization;
using System.Text;
using System.Text.Json;
using DeepSeek.Observe.Query.Promql.Functions;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Query.Tests.Promql.Functions;

/// <summary>
/// What promtool cannot show, checked on a real Prometheus 2.42 server over backfilled data: the ORDER of topk/bottomk
/// results (promtool loads series in random order and compares sets), and the API's value and timestamp strings.
/// Backfilled blocks list series sorted by labels, so Prometheus aggregates them in that order — the order our
/// engine feeds the kernels.
/// </summary>
public sealed class PrometheusServerOracleTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private static readonly double[] s_ties = [5, 5, 5, 1, 1, 9, 9, 5, 1, 9, 5, 5, 9, 1];
    private static readonly double[] s_nans = [double.NaN, 3, 3, double.NaN, 1, 3, double.NaN, 1];
    private static readonly double[] s_floats = [3, -2, 7.5, 7.5, 1e3, 0.1, 0.2, 0.3, 1e16, 1, -1e16, 0.7, 1e-3, 12.25];
    private static readonly double[] s_formats =
    [
        1e-7, 1.5e-7, 0.000001, 123456789.5, 1e21, 1.2345e22, 999999999999999900000d, -0.5, 0.1, 100, 1e-300, 5e-324,
        double.MaxValue, 0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.30000000000000004, -1e-6,
    ];

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("observe-promql-server-");
    private readonly HttpClient _http = new() { Timeout = s_timeout };

    [Fact]
    public async Task TopKOrderAndApiFormats_MatchPrometheusServer()
    {
        // An hour ago, whole seconds: inside the default retention, and old enough not to collide with the head.
        var seconds = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 3600;
        await BackfillAsync(seconds);
        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        var config = Path.Combine(_work.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1h\n");
        await using var server = ChildProcess.Start(
            TestServers.Prometheus,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_work.FullName, "data")}", $"--web.listen-address=127.0.0.1:{port}"],
            _work.FullName);
        await Readiness.WaitAsync(_http, url, server, s_timeout);

        var checks = 0;
        foreach (var (name, values) in new[] { ("ties", s_ties), ("nans", s_nans) })
        {
            // Up to 12 results: beyond that Go's sort is a pattern-defeating quicksort we do not reproduce.
            for (var k = 1; k <= Math.Min(12, values.Length); k++)
            {
                foreach (var bottom in new[] { false, true })
                {
                    var selected = new int[k];
                    var count = TopK.Select(values, k, bottom, selected);
                    var expected = selected[..count].Select(i => i.ToString("D2", CultureInfo.InvariantCulture));
                    var result = await QueryAsync(url, $"{(bottom ? "bottomk" : "topk")}({k}, {name})", $"{seconds}.5");
                    Assert.Equal(string.Join(' ', expected), string.Join(' ', result.Select(r => r.Labels.GetProperty("i").GetString())));
                    checks++;
                }
            }
        }

        // Order-dependent rounding (promtool cannot check it): series are fed in label order here as in our engine.
        foreach (var function in Enum.GetValues<AggregationFunction>())
        {
            var aggregator = new Aggregator(function);
            foreach (var v in s_floats)
            {
                aggregator.Add(v);
            }

            var result = await QueryAsync(url, $"{function.ToString().ToLowerInvariant()}(floats)", $"{seconds}");
            Assert.Equal(PrometheusFloat.FormatJsonValue(aggregator.Result), Assert.Single(result).Value);
            checks++;
        }

        var formats = await QueryAsync(url, "formats", $"{seconds}.05");
        Assert.Equal(s_formats.Length, formats.Count);
        foreach (var (labels, timestamp, value) in formats)
        {
            var index = int.Parse(labels.GetProperty("i").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(PrometheusFloat.FormatJsonValue(s_formats[index]), value);
            Assert.Equal(PrometheusFloat.FormatTimestamp((seconds * 1000) + 50), timestamp);
            checks++;
        }

        var whole = await QueryAsync(url, "formats{i=\"00\"}", $"{seconds}");
        Assert.Equal(PrometheusFloat.FormatTimestamp(seconds * 1000), Assert.Single(whole).Timestamp);
        Assert.True(checks > 40, $"only {checks} checks");
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }

    private async Task BackfillAsync(long seconds)
    {
        var text = new StringBuilder();
        foreach (var (name, values) in new[] { ("ties", s_ties), ("nans", s_nans), ("floats", s_floats), ("formats", s_formats) })
        {
            text.Append("# TYPE ").Append(name).Append(" gauge\n");
            for (var i = 0; i < values.Length; i++)
            {
                var value = double.IsNaN(values[i]) ? "NaN" : double.IsPositiveInfinity(values[i]) ? "+Inf" : double.IsNegativeInfinity(values[i]) ? "-Inf"
                    : values[i].ToString("R", CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $"{name}{{i=\"{i:D2}\"}} {value} {seconds}\n");
            }
        }

        text.Append("# EOF\n");
        var input = Path.Combine(_work.FullName, "data.om");
        await File.WriteAllTextAsync(input, text.ToString());
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
            TestServers.Promtool, ["tsdb", "create-blocks-from", "openmetrics", input, Path.Combine(_work.FullName, "data")], s_timeout);
        Assert.True(exitCode == 0, $"backfill exit {exitCode}: {stdout}{stderr}");
    }

    /// <summary>The instant-query result in the server's order, with the raw timestamp and value text.</summary>
    private async Task<List<(JsonElement Labels, string Timestamp, string Value)>> QueryAsync(string url, string query, string time)
    {
        var uri = new Uri($"{url}/api/v1/query?query={Uri.EscapeDataString(query)}&time={time}");
        var body = await _http.GetStringAsync(uri);
        using var document = JsonDocument.Parse(body);
        var results = new List<(JsonElement, string, string)>();
        foreach (var sample in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var value = sample.GetProperty("value");
            // The timestamp is a bare JSON number; its text is what Prometheus wrote.
            results.Add((sample.GetProperty("metric").Clone(), value[0].GetRawText(), value[1].GetString()!));
        }

        return results;
    }
}
