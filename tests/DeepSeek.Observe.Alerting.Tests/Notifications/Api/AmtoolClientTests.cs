using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Alerting.Tests.Notifications.Api;

/// <summary>
/// Alertmanager 0.25's own client (<c>amtool</c>, whose generated API client validates every response) works
/// against the platform's <c>/api/v2</c>: adding and querying alerts, adding, querying and expiring silences.
/// </summary>
public sealed class AmtoolClientTests
{
    private const string Config = """
        route:
          receiver: hook
          group_by: [alertname]
        receivers:
          - name: hook
        """;

    [Fact]
    public async Task Amtool_AlertsAndSilences_RoundTrip()
    {
        await using var server = await NotificationApiServer.StartAsync(Config);
        var url = $"--alertmanager.url={server.Client.BaseAddress}";

        var added = await AmtoolAsync(url, "alert", "add", "alertname=GpuOverheating", "node=n1", "severity=L1", "--annotation=summary=hot");
        var alerts = await AmtoolAsync(url, "-o", "json", "alert", "query");
        var silenceId = (await AmtoolAsync(url, "silence", "add", "alertname=GpuOverheating", "--comment=swap", "--author=ops", "--duration=1h")).Trim();
        var silenced = await AmtoolAsync(url, "-o", "json", "alert", "query", "--silenced");
        var silences = await AmtoolAsync(url, "silence", "query", "-q");
        await AmtoolAsync(url, "silence", "expire", silenceId);
        var afterExpire = await AmtoolAsync(url, "silence", "query", "-q");

        Assert.Equal(string.Empty, added.Trim());
        Assert.Contains("\"alertname\":\"GpuOverheating\"", alerts, StringComparison.Ordinal);
        Assert.Contains("\"fingerprint\":", alerts, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(silenceId, out _), silenceId);
        Assert.Contains(silenceId, silenced, StringComparison.Ordinal);
        Assert.Equal(silenceId, silences.Trim());
        Assert.Equal(string.Empty, afterExpire.Trim());
        Directory.Delete(server.DataDirectory, recursive: true);
    }

    private static async Task<string> AmtoolAsync(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync("amtool", arguments, TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"amtool {string.Join(' ', arguments)} exited {exitCode}: {stdout} {stderr}");
        return stdout;
    }
}
