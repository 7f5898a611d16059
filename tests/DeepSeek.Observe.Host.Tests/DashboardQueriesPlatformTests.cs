using DeepSeek.Observe.Testing;
using Xunit.Abstractions;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>The dashboards' queries against the platform (<c>serve</c>, embedded store) fed by the simulator's remote_write.</summary>
public sealed class DashboardQueriesPlatformTests(ITestOutputHelper output) : DashboardQueriesTests(output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    protected override async Task<(Uri BaseUrl, IAsyncDisposable Server)> StartServerAsync()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var server = ChildProcess.StartHost(["serve", "--urls", url, "--data", Path.Combine(Work.FullName, "data")], Work.FullName);
        await Readiness.WaitAsync(Http, url, server, s_timeout);
        return (new Uri(url + "/"), server);
    }
}
