using System.Text.Json;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// A real Prometheus 2.42 scrapes a prometheus-net endpoint (a second platform process's /metrics, with HELP and TYPE
/// on every family) and remote_writes to the platform, metadata every second. The platform's
/// <c>/api/v1/metadata</c> must then equal Prometheus's own, family by family. The second process also scrapes its own
/// /metrics with the platform's scraper, so its <c>/api/v1/metadata</c> must equal Prometheus's too.
/// </summary>
public sealed class PrometheusMetadataTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("observe-prometheus-metadata-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task RealPrometheus_RemoteWritesMetadata_MetadataApisAgree()
    {
        var platform = $"http://127.0.0.1:{FreePort.Next()}";
        var target = $"127.0.0.1:{FreePort.Next()}";
        var prometheus = $"http://127.0.0.1:{FreePort.Next()}";
        var selfScrape = Path.Combine(_work.FullName, "scrape.yml");
        await File.WriteAllTextAsync(selfScrape, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: self
                static_configs:
                  - targets: ["{target}"]
            """);
        await using var store = ChildProcess.StartHost(["serve", "--urls", platform, "--data", "store"], _work.FullName);
        await using var scraped = ChildProcess.StartHost(["serve", "--urls", $"http://{target}", "--data", "target", "--scrape-config", selfScrape], _work.FullName);
        await Readiness.WaitAsync(_http, platform, store, s_timeout);
        await Readiness.WaitAsync(_http, $"http://{target}", scraped, s_timeout);

        var config = Path.Combine(_work.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: observe-target
                static_configs:
                  - targets: ["{target}"]
            remote_write:
              - url: {platform}/api/v1/write
                queue_config:
                  batch_send_deadline: 1s
                  min_backoff: 100ms
                metadata_config:
                  send: true
                  send_interval: 1s
            """);
        await using var server = ChildProcess.Start(
            TestServers.Prometheus,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_work.FullName, "tsdb")}", $"--web.listen-address={prometheus[7..]}"],
            _work.FullName);

        await Eventually.ReturnsAsync(
            async () =>
            {
                using var ready = await _http.GetAsync(new Uri($"{prometheus}/-/ready"));
                return ready.IsSuccessStatusCode ? "ready" : null;
            },
            s_timeout,
            "Prometheus to be ready");
        var expected = await AgreeAsync(prometheus, platform, () => $"prometheus: {SeriesSetComparison.Tail(server.StandardError)}");
        await AgreeAsync(prometheus, $"http://{target}", () => $"scraper: {SeriesSetComparison.Tail(scraped.StandardError)}");

        // What the comparison covered: prometheus-net's families (under their OpenMetrics names: Prometheus negotiates
        // OpenMetrics, so a counter's family has no _total), with help text on each.
        Assert.True(expected.Count > 20, $"only {expected.Count} families");
        var cpu = Assert.Single(expected, f => f.Key.StartsWith("process_cpu_seconds", StringComparison.Ordinal)).Key;
        Assert.Contains("counter|Total user and system CPU time spent in seconds.|", expected[cpu]);
        Assert.Contains(expected.Values, e => e.Any(x => x.StartsWith("histogram|", StringComparison.Ordinal)));

        // One family, an unknown one, and the limit.
        Assert.Equal(
            Describe(await PrometheusApi.DataAsync(_http, $"{prometheus}/api/v1/metadata?metric={cpu}")),
            Describe(await PrometheusApi.DataAsync(_http, $"{platform}/api/v1/metadata?metric={cpu}")));
        Assert.Empty((await PrometheusApi.DataAsync(_http, $"{platform}/api/v1/metadata?metric=no_such_metric")).EnumerateObject());
        Assert.Empty((await PrometheusApi.DataAsync(_http, $"{prometheus}/api/v1/metadata?metric=no_such_metric")).EnumerateObject());
        Assert.Equal(3, (await PrometheusApi.DataAsync(_http, $"{platform}/api/v1/metadata?limit=3")).EnumerateObject().Count());
        Assert.Equal(3, (await PrometheusApi.DataAsync(_http, $"{prometheus}/api/v1/metadata?limit=3")).EnumerateObject().Count());
    }

    /// <summary>Polls until both metadata APIs return the same families and entries; fails with the difference.</summary>
    private async Task<SortedDictionary<string, SortedSet<string>>> AgreeAsync(string prometheus, string platform, Func<string> context)
    {
        SortedDictionary<string, SortedSet<string>> theirs = [], ours = [];
        try
        {
            return await Eventually.ReturnsAsync(
                async () =>
                {
                    theirs = Describe(await PrometheusApi.DataAsync(_http, $"{prometheus}/api/v1/metadata"));
                    ours = Describe(await PrometheusApi.DataAsync(_http, $"{platform}/api/v1/metadata"));
                    return theirs.Count > 0 && Same(theirs, ours) ? theirs : null;
                },
                s_timeout,
                $"{platform}'s metadata to match Prometheus's");
        }
        catch (TimeoutException ex)
        {
            var missing = theirs.Where(f => !ours.TryGetValue(f.Key, out var o) || !o.SetEquals(f.Value)).Select(f => $"{f.Key}: {string.Join(" / ", f.Value)}");
            var extra = ours.Where(f => !theirs.TryGetValue(f.Key, out var t) || !t.SetEquals(f.Value)).Select(f => $"{f.Key}: {string.Join(" / ", f.Value)}");
            throw new TimeoutException($"{ex.Message}\nonly Prometheus: {string.Join("\n  ", missing)}\nonly {platform}: {string.Join("\n  ", extra)}\n{context()}", ex);
        }
    }

    private static bool Same(SortedDictionary<string, SortedSet<string>> a, SortedDictionary<string, SortedSet<string>> b) =>
        a.Count == b.Count && a.All(f => b.TryGetValue(f.Key, out var other) && other.SetEquals(f.Value));

    /// <summary>Family → its entries as "type|help|unit" (Prometheus lists them in no particular order).</summary>
    private static SortedDictionary<string, SortedSet<string>> Describe(JsonElement data)
    {
        var result = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var family in data.EnumerateObject())
        {
            result[family.Name] = new SortedSet<string>(
                family.Value.EnumerateArray().Select(e => $"{e.GetProperty("type").GetString()}|{e.GetProperty("help").GetString()}|{e.GetProperty("unit").GetString()}"),
                StringComparer.Ordinal);
        }

        return result;
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }
}
