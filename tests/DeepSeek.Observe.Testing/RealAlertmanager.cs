namespace DeepSeek.Observe.Testing;

/// <summary>
/// A real Alertmanager 0.25 on loopback (the binary tests/run.sh installs) with one receiver that posts every alert
/// at once (group_wait 0s) to a webhook, for tests that forward alerts to it.
/// </summary>
public sealed class RealAlertmanager : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly ChildProcess _process;

    private RealAlertmanager(ChildProcess process, string url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>Its base URL, e.g. <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url { get; }

    /// <summary>Starts it with its state under <paramref name="workDirectory"/> and waits until it is ready.</summary>
    public static async Task<RealAlertmanager> StartAsync(string workDirectory, Uri webhookUrl, TimeSpan timeout)
    {
        var config = Path.Combine(workDirectory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: hook
              group_by: [alertname]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: hook
                webhook_configs:
                  - url: {webhookUrl}
                    send_resolved: true
            """);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var process = ChildProcess.Start(Binary, [
            $"--config.file={config}", $"--storage.path={Path.Combine(workDirectory, "alertmanager-data")}",
            $"--web.listen-address={url["http://".Length..]}", "--cluster.listen-address="]);
        try
        {
            using var http = new HttpClient();
            await Readiness.WaitAsync(http, url, process, timeout);
            return new RealAlertmanager(process, url);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
