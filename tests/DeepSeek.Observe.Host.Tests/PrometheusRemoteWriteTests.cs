using System.Globalization;
using System.Text.Json;
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

        // Prometheus applies new targets on a 5 s throttle: wait for its first scrapes, let a few more happen, then
        // compare both stores over one fixed window that remote_write has had time to deliver.
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
                "the platform's series to match Prometheus's");
        }
        catch (TimeoutException ex)
        {
            var missing = expected.Except(actual).Take(5);
            var extra = actual.Except(expected).Take(5);
            throw new TimeoutException(
                $"{ex.Message}\nPrometheus has {expected.Count}, the platform {actual.Count}.\nmissing: {string.Join("\n  ", missing)}\nextra: {string.Join("\n  ", extra)}\nquery: {query}\nprometheus: {server.StandardError[^Math.Min(3000, server.StandardError.Length)..]}", ex);
        }

        Assert.Contains(matched, s => s.Contains("\"__name__\":\"up\"", StringComparison.Ordinal));
        Assert.Contains(matched, s => s.Contains("\"__name__\":\"process_cpu_seconds_total\"", StringComparison.Ordinal) && s.Contains("\"cluster\":\"test\"", StringComparison.Ordinal));
        Assert.True(matched.Count > 20, $"only {matched.Count} series");
    }

    public void Dispose()
    {
        _http.Dispose();
        _work.Delete(recursive: true);
    }

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
