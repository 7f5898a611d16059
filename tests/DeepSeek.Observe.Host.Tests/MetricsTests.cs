using System.Net;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Host.Tests;

public class MetricsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Metrics_AfterTraffic_PassesPromtoolCheckMetrics()
    {
        await using var factory = new ObserveWebApplicationFactory();
        using var client = factory.CreateClient();
        (await client.GetAsync("/-/ready")).Dispose();
        (await client.GetAsync("/no-such-path")).Dispose();

        using var response = await client.GetAsync("/metrics");
        var exposition = await response.Content.ReadAsStringAsync();
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
            TestServers.Promtool, ["check", "metrics"], s_timeout, standardInput: exposition);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http_requests_received_total", exposition, StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total", exposition, StringComparison.Ordinal);
        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}:\n{stdout}{stderr}");
    }
}
