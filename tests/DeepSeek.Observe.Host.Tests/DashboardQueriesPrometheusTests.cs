using DeepSeek.Observe.Testing;
using Xunit.Abstractions;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>The dashboards' queries against a real Prometheus 2.42 fed by the simulator's remote_write.</summary>
public sealed class DashboardQueriesPrometheusTests(ITestOutputHelper output) : DashboardQueriesTests(output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    protected override async Task<(Uri BaseUrl, IAsyncDisposable Server)> StartServerAsync()
    {
        var address = $"127.0.0.1:{FreePort.Next()}";
        var config = Path.Combine(Work.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 15s\n");
        var server = ChildProcess.Start(
            TestServers.Prometheus,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(Work.FullName, "tsdb")}", $"--web.listen-address={address}", "--web.enable-remote-write-receiver"],
            Work.FullName);
        var baseUrl = new Uri($"http://{address}/");
        await Eventually.ReturnsAsync(
            async () => (await Http.GetAsync(new Uri(baseUrl, "-/ready"))).IsSuccessStatusCode ? "ready" : null,
            s_timeout,
            "Prometheus to be ready");
        return (baseUrl, server);
    }
}
