using System.Globalization;
using System.Text.Json;
using DeepSeek.Observe.Host.Cli;
using DeepSeek.Observe.Simulation;
using DeepSeek.Observe.Simulation.Exposition;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// <c>simulate --listen</c> as a process: its index and exposition, and a real Prometheus 2.42 and <c>serve
/// --scrape-config</c> scraping the whole fleet with the scrape configuration the listener hands out.
/// </summary>
public sealed class SimulateListenTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("observe-listen-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData(new[] { "simulate", "--listen", "127.0.0.1:9400", "--target", "http://127.0.0.1:1/api/v1/write" }, "--listen and --target cannot be combined")]
    [InlineData(new[] { "simulate", "--listen", "127.0.0.1:9400", "--speed", "max" }, "--listen serves the step of the current time")]
    [InlineData(new[] { "simulate", "--listen", "gpu-node:9400" }, "--listen: 'gpu-node' is not an IP address or localhost")]
    [InlineData(new[] { "simulate", "--listen", "9400" }, "--listen: '9400' is not host:port")]
    public async Task Simulate_BadListen_ExitsTwoWithOneLineError(string[] args, string expected)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ObserveCommandLine.InvokeAsync(args, output, error, _ => null).WaitAsync(s_timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulateListen_ScrapedByRealPrometheus_SeriesAreTheCatalogsAndValuesTheGenerators()
    {
        var listen = $"127.0.0.1:{FreePort.Next()}";
        var prometheus = $"http://127.0.0.1:{FreePort.Next()}";
        var startMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() / 1000 * 1000;
        await using var simulate = StartListener(listen, startMs);
        var generator = new FleetGenerator(new SeriesCatalog(Fleet.Build(new FleetSpec(2, 8, 1, 1, 42))), new SimulationTime(startMs, 1000));
        var targets = FleetTargets.Of(generator.Catalog);

        var index = await IndexAsync(listen, simulate);
        Assert.Equal(targets.Select(t => t.Path), index.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ')[2]));

        // A scrape answers with the step the clock is in.
        var energy = Array.FindIndex(generator.Catalog.Series, s => s.Labels.MetricName == "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" && s.Labels["Hostname"] == "gpu-node-0001" && s.Labels["gpu"] == "3");
        var before = CurrentStep(startMs);
        using var scrape = await _http.GetAsync(new Uri($"http://{listen}/targets/dcgm-exporter/gpu-node-0001:9400/metrics"));
        var after = CurrentStep(startMs);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", scrape.Content.Headers.ContentType?.ToString());
        var line = (await scrape.Content.ReadAsStringAsync()).Split('\n').Single(l => l.StartsWith("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{", StringComparison.Ordinal) && l.Contains("gpu=\"3\"", StringComparison.Ordinal));
        var scraped = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        Assert.Contains(scraped, Enumerable.Range((int)before, (int)(after - before + 1)).Select(s => generator.ValueAt(energy, s)));

        var config = Path.Combine(_work.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, await _http.GetStringAsync($"http://{listen}/scrape-config"));
        await using var server = ChildProcess.Start(
            TestServers.Prometheus,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_work.FullName, "tsdb")}", $"--web.listen-address={prometheus[7..]}"],
            _work.FullName);
        // Prometheus answers 503 until its TSDB is open.
        await Readiness.WaitAsync(_http, prometheus, server, s_timeout);
        await Eventually.ReturnsAsync(
            async () => Scalar(await PrometheusApi.DataAsync(_http, $"{prometheus}/api/v1/query?query={Uri.EscapeDataString("count(up == 1)")}")) == targets.Count ? "up" : null,
            s_timeout,
            $"every target up in Prometheus\n{SeriesSetComparison.Tail(server.StandardError)}");

        // Every series carries the simulated job and instance, exactly as the catalog (and remote_write) has them.
        await AssertSeriesAreTheCatalogsAsync(prometheus, generator, startMs);

        var sample = await PrometheusApi.DataAsync(_http, $"{prometheus}/api/v1/query?query={Uri.EscapeDataString("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{instance=\"gpu-node-0001:9400\",gpu=\"3\"}")}");
        var value = Assert.Single(sample.GetProperty("result").EnumerateArray()).GetProperty("value");
        var at = (long)(value[0].GetDouble() * 1000);
        var stepAt = (at - startMs) / 1000;
        Assert.Contains(double.Parse(value[1].GetString()!, CultureInfo.InvariantCulture), new[] { stepAt - 1, stepAt, stepAt + 1 }.Select(s => generator.ValueAt(energy, s)));

        // The # TYPE lines reach Prometheus: dcgm's counter without _total, the inference latency as one histogram.
        var metadata = await PrometheusApi.DataAsync(_http, $"{prometheus}/api/v1/metadata");
        Assert.Equal("counter", metadata.GetProperty("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION")[0].GetProperty("type").GetString());
        Assert.Equal("histogram", metadata.GetProperty("inference_request_duration_seconds")[0].GetProperty("type").GetString());
        Assert.Equal("gauge", metadata.GetProperty("kube_pod_status_phase")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task SimulateListen_ScrapedByServeScrapeConfig_EveryTargetUpAndSeriesAreTheCatalogs()
    {
        var listen = $"127.0.0.1:{FreePort.Next()}";
        var platform = $"http://127.0.0.1:{FreePort.Next()}";
        var startMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() / 1000 * 1000;
        await using var simulate = StartListener(listen, startMs);
        var generator = new FleetGenerator(new SeriesCatalog(Fleet.Build(new FleetSpec(2, 8, 1, 1, 42))), new SimulationTime(startMs, 1000));
        await IndexAsync(listen, simulate);

        // The same file a Prometheus user gets: static_configs only, which is all serve --scrape-config reads.
        var config = Path.Combine(_work.FullName, "scrape.yml");
        await File.WriteAllTextAsync(config, await _http.GetStringAsync($"http://{listen}/scrape-config"));
        await using var serve = ChildProcess.StartHost(
            ["serve", "--urls", platform, "--data", "store"], _work.FullName, new Dictionary<string, string?> { ["OBSERVE_SCRAPE_CONFIG"] = config });
        await Readiness.WaitAsync(_http, platform, serve, s_timeout);
        var targets = FleetTargets.Of(generator.Catalog).Count;
        await Eventually.ReturnsAsync(
            async () =>
            {
                var active = (await PrometheusApi.DataAsync(_http, $"{platform}/api/v1/targets")).GetProperty("activeTargets");
                return active.GetArrayLength() == targets && active.EnumerateArray().All(t => t.GetProperty("health").GetString() == "up") ? "up" : null;
            },
            s_timeout,
            $"all {targets} targets up in serve\n{SeriesSetComparison.Tail(serve.StandardOutput)}");

        await AssertSeriesAreTheCatalogsAsync(platform, generator, startMs);
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }

    private ChildProcess StartListener(string listen, long startMs) =>
        ChildProcess.StartHost(
            ["simulate", "--listen", listen, "--nodes", "2", "--jobs", "1", "--deployments", "1", "--seed", "42", "--step", "1s", "--duration", "10m",
             "--start", (startMs / 1000).ToString(CultureInfo.InvariantCulture)],
            _work.FullName);

    private Task<string> IndexAsync(string listen, ChildProcess simulate) =>
        Eventually.ReturnsAsync(
            async () => simulate.HasExited ? throw new InvalidOperationException($"simulate exited:\n{simulate.StandardOutput}{simulate.StandardError}") : await _http.GetStringAsync($"http://{listen}/"),
            s_timeout,
            "the listener");

    // Every series carries the simulated job and instance and exactly the labels the catalog (and remote_write) has.
    // Polled briefly: a target reports up as its scrape completes, which may be before the store has every sample.
    private async Task AssertSeriesAreTheCatalogsAsync(string api, FleetGenerator generator, long startMs)
    {
        var step = CurrentStep(startMs);
        var expected = generator.Catalog.Series.Select((s, i) => (s.Labels, i)).Where(s => !SimulatedValue.IsAbsent(generator.ValueAt(s.i, step))).Select(s => Key(s.Labels.ToDictionary())).ToHashSet();
        HashSet<string> actual = [];
        try
        {
            await Eventually.ReturnsAsync(
                async () =>
                {
                    var series = await PrometheusApi.DataAsync(_http, $"{api}/api/v1/series?match[]={Uri.EscapeDataString("{job=~\".+\",__name__!~\"up|scrape_.+\"}")}");
                    actual = series.EnumerateArray().Select(s => Key(s.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!))).ToHashSet();
                    return expected.SetEquals(actual) ? "same" : null;
                },
                TimeSpan.FromSeconds(15),
                "the stored series to be the catalog's");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{expected.Count} expected, {actual.Count} stored\nmissing: {string.Join("\n", expected.Except(actual).Take(3))}\nextra: {string.Join("\n", actual.Except(expected).Take(3))}");
        }
    }

    private static long CurrentStep(long startMs) => (TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() - startMs) / 1000;

    private static double Scalar(JsonElement data) =>
        data.GetProperty("result") is var vector && vector.GetArrayLength() > 0 ? double.Parse(vector[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) : 0;

    private static string Key(IReadOnlyDictionary<string, string> labels) =>
        string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
