using System.Globalization;
using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation;
using DeepSeek.Observe.Simulation.RemoteWrite;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// The simulator's remote_write against a real Prometheus 2.42 (<c>--web.enable-remote-write-receiver</c>): what
/// Prometheus stores is the catalog, series for series, with the generator's values.
/// </summary>
public sealed class SimulatePrometheusRemoteWriteTests : IDisposable
{
    private const long StepMs = 15_000;
    private const int Steps = 120;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("observe-simulate-prometheus-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task RemoteWriteSink_HalfAnHourOfFleetIntoRealPrometheus_SeriesPerMetricAndValuesAreTheGenerators()
    {
        var prometheus = $"http://127.0.0.1:{FreePort.Next()}";
        var config = Path.Combine(_work.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 15s\n");
        await using var server = ChildProcess.Start(
            TestServers.Prometheus,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_work.FullName, "tsdb")}", $"--web.listen-address={prometheus[7..]}", "--web.enable-remote-write-receiver"],
            _work.FullName);
        await Eventually.ReturnsAsync(
            async () => (await _http.GetAsync(new Uri($"{prometheus}/-/ready"))).IsSuccessStatusCode ? "ready" : null,
            s_timeout,
            "Prometheus to be ready");

        // Recent enough for the TSDB head to accept it: the half hour that ended five minutes ago.
        var startMs = (TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() - (long)TimeSpan.FromMinutes(35).TotalMilliseconds) / StepMs * StepMs;
        var generator = new FleetGenerator(new SeriesCatalog(Fleet.Build(new FleetSpec(4, 8, 1, 1, 11))), new SimulationTime(startMs, StepMs));
        var series = generator.Catalog.Series;
        var sink = new RemoteWriteSink(new RemoteWriteSinkOptions(new Uri($"{prometheus}/api/v1/write")), [.. series.Select(s => s.Labels)], _http, TimeProvider.System);

        var run = await new SimulationRunner(generator, sink, TimeProvider.System).RunAsync(Steps, SimulationSpeed.Max, CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(Steps, run.Steps);
        Assert.Equal(0, sink.Failures.FailedRequests);
        // Absent series are skipped by the sink; in a healthy fleet they are absent at every step.
        var present = Enumerable.Range(0, series.Length).Where(i => !SimulatedValue.IsAbsent(generator.ValueAt(i, 0))).ToList();
        Assert.Equal((long)Steps * present.Count, sink.SamplesAcknowledged);

        var last = Steps - 1;
        var counts = await PrometheusApi.DataAsync(_http, Query("count by (__name__)({__name__=~\".+\"})", last));
        var stored = counts.GetProperty("result").EnumerateArray().ToDictionary(
            r => r.GetProperty("metric").GetProperty("__name__").GetString()!,
            r => int.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture));
        var expected = present.GroupBy(i => series[i].Labels.MetricName!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), stored.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.True(expected.Count > 50, $"only {expected.Count} metrics");

        // One series of every metric, at the first, a middle and the last step: Prometheus returns the generated value.
        foreach (var i in present.DistinctBy(i => series[i].Labels.MetricName))
        {
            foreach (var step in new long[] { 0, 61, last })
            {
                var result = await PrometheusApi.DataAsync(_http, Query(Selector(series[i].Labels), step));
                var value = Assert.Single(result.GetProperty("result").EnumerateArray()).GetProperty("value");
                Assert.Equal(generator.Time.TimestampMs(step), (long)Math.Round(value[0].GetDouble() * 1000));
                var actual = double.Parse(value[1].GetString()!, CultureInfo.InvariantCulture);
                Assert.True(
                    BitConverter.DoubleToUInt64Bits(generator.ValueAt(i, step)) == BitConverter.DoubleToUInt64Bits(actual),
                    $"{series[i].Labels} at step {step}: generated {generator.ValueAt(i, step)}, Prometheus {actual}");
            }
        }

        string Query(string promql, long step) =>
            $"{prometheus}/api/v1/query?query={Uri.EscapeDataString(promql)}&time={(generator.Time.TimestampMs(step) / 1000.0).ToString(CultureInfo.InvariantCulture)}";
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }

    private static string Selector(LabelSet labels)
    {
        var selector = new StringBuilder("{");
        foreach (var label in labels)
        {
            selector.Append(label.Name).Append("=\"").Append(label.Value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\",");
        }

        return selector.Append('}').ToString();
    }
}
