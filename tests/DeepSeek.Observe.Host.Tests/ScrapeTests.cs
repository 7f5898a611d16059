using System.Text.Json;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// <c>serve --scrape-config</c> as an operator runs it: the platform and a real Prometheus 2.42 scrape the same
/// prometheus-net endpoint (a second platform process's /metrics) with the same configuration, and the platform's
/// series API must return exactly the series set Prometheus's own does.
/// </summary>
public sealed class ScrapeTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("observe-scrape-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task ServeScrapeConfig_ScrapesPrometheusNetEndpoint_SeriesSetMatchesRealPrometheus()
    {
        var platform = $"http://127.0.0.1:{FreePort.Next()}";
        var target = $"127.0.0.1:{FreePort.Next()}";
        var prometheus = $"http://127.0.0.1:{FreePort.Next()}";
        var config = Path.Combine(_work.FullName, "scrape.yml");
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
            """);
        await using var scraped = ChildProcess.StartHost(["serve", "--urls", $"http://{target}", "--data", "target"], _work.FullName);
        await Readiness.WaitAsync(_http, $"http://{target}", scraped, s_timeout);
        await using var store = ChildProcess.StartHost(
            ["serve", "--urls", platform, "--data", "store"], _work.FullName, new Dictionary<string, string?> { ["OBSERVE_SCRAPE_CONFIG"] = config });
        await using var server = ChildProcess.Start(
            TestServers.Prometheus,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_work.FullName, "tsdb")}", $"--web.listen-address={prometheus[7..]}"],
            _work.FullName);
        await Readiness.WaitAsync(_http, platform, store, s_timeout);

        var active = await Eventually.ReturnsAsync(
            async () =>
            {
                var data = await PrometheusApi.DataAsync(_http, $"{platform}/api/v1/targets");
                var first = data.GetProperty("activeTargets")[0];
                return first.GetProperty("health").GetString() == "up" ? first.GetRawText() : null;
            },
            s_timeout,
            "the platform's first successful scrape");
        using (var json = JsonDocument.Parse(active))
        {
            var t = json.RootElement;
            Assert.Equal("observe-target", t.GetProperty("scrapePool").GetString());
            Assert.Equal($"http://{target}/metrics", t.GetProperty("scrapeUrl").GetString());
            Assert.Equal(target, t.GetProperty("labels").GetProperty("instance").GetString());
            Assert.Equal("test", t.GetProperty("labels").GetProperty("cluster").GetString());
            Assert.Equal(string.Empty, t.GetProperty("lastError").GetString());
        }

        var matched = await new SeriesSetComparison(_http, s_timeout).MatchAsync(prometheus, platform, "{job=\"observe-target\"}", () => $"platform: {SeriesSetComparison.Tail(store.StandardOutput)}");

        foreach (var synthetic in new[] { "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added" })
        {
            Assert.Contains(matched, s => s.Contains($"\"__name__\":\"{synthetic}\"", StringComparison.Ordinal) && s.Contains($"\"instance\":\"{target}\"", StringComparison.Ordinal));
        }

        Assert.Contains(matched, s => s.Contains("\"__name__\":\"process_cpu_seconds_total\"", StringComparison.Ordinal) && s.Contains("\"cluster\":\"test\"", StringComparison.Ordinal));
        Assert.True(matched.Count > 20, $"only {matched.Count} series");
        Assert.Contains("observe_scrape_samples_appended_total{job=\"observe-target\"}", await _http.GetStringAsync($"{platform}/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadScrapeConfig_ExitsTwoWithOneLine()
    {
        var config = Path.Combine(_work.FullName, "bad.yml");
        await File.WriteAllTextAsync(config, "scrape_configs:\n  - job_name: a\n    kubernetes_sd_configs: [{role: pod}]\n");
        await using var process = ChildProcess.StartHost(["serve", "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--scrape-config", config], _work.FullName);

        var exitCode = await process.WaitForExitAsync(s_timeout);

        Assert.Equal(2, exitCode);
        Assert.Equal(
            $"deepseek-observe: --scrape-config (or OBSERVE_SCRAPE_CONFIG): {config}:3:5: scrape_configs[0]: \"kubernetes_sd_configs\" is a Prometheus setting that deepseek-observe does not support; remove it (only static_configs targets can be scraped)",
            process.StandardError.TrimEnd('\n'));
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }
}
