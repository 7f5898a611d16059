using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// A real Prometheus 2.42 scrapes a prometheus-net endpoint (a second platform process's /metrics) and remote_writes
/// to the platform under test: the platform's series API must return exactly the series set Prometheus's own does,
/// with the embedded store and with PostgreSQL.
/// </summary>
public sealed class PrometheusRemoteWriteTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("observe-prometheus-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RealPrometheus_ScrapesAndRemoteWrites_SeriesSetsMatch(bool postgres)
    {
        var platform = $"http://127.0.0.1:{FreePort.Next()}";
        var target = $"127.0.0.1:{FreePort.Next()}";
        var prometheus = $"http://127.0.0.1:{FreePort.Next()}";
        await using var database = postgres ? await TestDatabase.CreateAsync() : null;
        string[] storeOptions = database is null ? [] : ["--postgres", database.ConnectionString];
        await using var store = ChildProcess.StartHost(["serve", "--urls", platform, "--data", "store", .. storeOptions], _work.FullName);
        await using var scraped = ChildProcess.StartHost(["serve", "--urls", $"http://{target}", "--data", "target"], _work.FullName);
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
                    labels:
                      cluster: test
            remote_write:
              - url: {platform}/api/v1/write
                queue_config:
                  batch_send_deadline: 1s
                  min_backoff: 100ms
            """);
        await using var server = ChildProcess.Start(
            TestServers.Prometheus,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_work.FullName, "tsdb")}", $"--web.listen-address={prometheus[7..]}"],
            _work.FullName);

        var matched = await new SeriesSetComparison(_http, s_timeout).MatchAsync(prometheus, platform, "{job=\"observe-target\"}", () => $"prometheus: {SeriesSetComparison.Tail(server.StandardError)}");

        var samples = await new SeriesSetComparison(_http, s_timeout).MatchSamplesAsync(prometheus, platform, "observe-target", TimeSpan.FromSeconds(10));
        Assert.True(samples > 20, $"only {samples} samples compared");
        Assert.Contains(matched, s => s.Contains("\"__name__\":\"up\"", StringComparison.Ordinal));
        Assert.Contains(matched, s => s.Contains("\"__name__\":\"process_cpu_seconds_total\"", StringComparison.Ordinal) && s.Contains("\"cluster\":\"test\"", StringComparison.Ordinal));
        Assert.True(matched.Count > 20, $"only {matched.Count} series");
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }
}
