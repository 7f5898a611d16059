using System.Globalization;
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

        // Prometheus applies new targets on a 5 s throttle: wait for its first scrapes, let a few more happen, then
        // compare both stores over one fixed window both have scraped past.
        var selector = Uri.EscapeDataString("{job=\"observe-target\"}");
        await Eventually.ReturnsAsync(
            async () => (await SeriesAsync($"{prometheus}/api/v1/series?match[]={selector}")).Count > 0 ? "scraped" : null,
            s_timeout,
            "Prometheus's first scrape");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var end = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(await NowMsAsync(prometheus), CultureInfo.InvariantCulture)).AddSeconds(-1);
        var query = $"/api/v1/series?match[]={selector}&end={end.ToUnixTimeMilliseconds() / 1000.0:F3}";
        HashSet<string> expected = [], actual = [];
        HashSet<string> matched;
        try
        {
            matched = await Eventually.ReturnsAsync(
                async () =>
                {
                    expected = await SeriesAsync(prometheus + query);
                    actual = await SeriesAsync(platform + query);
                    return expected.Count > 0 && expected.SetEquals(actual) ? actual : null;
                },
                s_timeout,
                "the platform's scraped series to match Prometheus's");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(
                $"{ex.Message}\nPrometheus has {expected.Count}, the platform {actual.Count}.\nmissing: {string.Join("\n  ", expected.Except(actual).Take(5))}\nextra: {string.Join("\n  ", actual.Except(expected).Take(5))}\nplatform: {Tail(store.StandardOutput)}", ex);
        }

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

    private static string Tail(string text) => text[^Math.Min(3000, text.Length)..];

    private async Task<string> NowMsAsync(string prometheus)
    {
        using var json = JsonDocument.Parse(await Eventually.ReturnsAsync(
            async () => await _http.GetStringAsync($"{prometheus}/api/v1/query?query=timestamp(vector(0))*1000"),
            s_timeout,
            "Prometheus to answer"));
        return json.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString()!;
    }

    private async Task<HashSet<string>> SeriesAsync(string url)
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync(url));
        return json.RootElement.GetProperty("data").EnumerateArray()
            .Select(s => JsonSerializer.Serialize(s.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => p.Value.GetString())))
            .ToHashSet(StringComparer.Ordinal);
    }
}
