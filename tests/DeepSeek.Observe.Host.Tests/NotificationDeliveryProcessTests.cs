using System.Text.Json;
using DeepSeek.Observe.Alerting.Delivery;
using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// The third must-show at the process level: a webhook receiver failing for a while, the platform killed
/// (SIGKILL) and restarted meanwhile, and every notification delivered once the receiver recovers.
/// </summary>
public sealed class NotificationDeliveryProcessTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("observe-delivery-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private volatile bool _receiverDown = true;

    [Fact]
    public async Task Serve_KilledWhileReceiverFails_DeliversEveryNotificationOnceAfterRestart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => _receiverDown ? 500 : 200;
        string[] keys = ["group-a/oncall/0", "group-b/oncall/0", "group-c/oncall/0"];
        await EnqueueAsync(Path.Combine(_workDirectory.FullName, "data"), receiver.Url, keys);

        // Short backoff so the test sees several attempts in seconds; the schedule itself is tested on a fake clock.
        var environment = new Dictionary<string, string?> { ["Alerting__RetryInitialDelay"] = "00:00:00.200", ["Alerting__RetryMaxDelay"] = "00:00:01" };
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using (var first = ChildProcess.StartHost(["serve", "--urls", url], _workDirectory.FullName, environment))
        {
            await Readiness.WaitAsync(_http, url, first, s_timeout);
            await Eventually.ReturnsAsync(
                () => Task.FromResult(receiver.Requests.Count >= 2 * keys.Length ? receiver : null), s_timeout, "failed attempts before the kill");
            first.Kill();
            await first.WaitForExitAsync(s_timeout);
        }

        Assert.Empty(receiver.Accepted);
        _receiverDown = false;
        await using var second = ChildProcess.StartHost(["serve", "--urls", url], _workDirectory.FullName, environment);
        await Readiness.WaitAsync(_http, url, second, s_timeout);
        await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.Accepted.Count >= keys.Length ? receiver : null), s_timeout, "every notification delivered");

        using var delivered = JsonDocument.Parse(await _http.GetStringAsync($"{url}/api/v1/notifications?state=delivered"));
        second.Terminate();
        await second.WaitForExitAsync(s_timeout);

        Assert.Equal(keys, receiver.Accepted.Select(r => r.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.All(
            delivered.RootElement.GetProperty("data").EnumerateArray(),
            n => Assert.True(n.GetProperty("attempts").GetInt32() >= 3, n.ToString()));
        Assert.Equal(keys.Length, delivered.RootElement.GetProperty("data").GetArrayLength());
    }

    public void Dispose()
    {
        _http.Dispose();
        _workDirectory.Delete(recursive: true);
    }

    // The dispatcher's side of the hand-over, through the same public registration the platform uses.
    private static async Task EnqueueAsync(string dataDirectory, Uri url, IEnumerable<string> keys)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DeliveryExtensions.DataDirectoryKey] = dataDirectory })
            .Build();
        await using var services = new ServiceCollection().AddLogging().AddNotificationDelivery(configuration).BuildServiceProvider();
        var outbox = services.GetRequiredService<INotificationOutbox>();
        foreach (var key in keys)
        {
            var labels = new Dictionary<string, string> { ["alertname"] = "GpuTemperatureHigh", ["severity"] = "L1", ["Hostname"] = key[..7] };
            var alert = new WebhookAlert("firing", labels, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, DateTimeOffset.MinValue, string.Empty, "0000000000000001");
            var message = new WebhookMessage("oncall", "firing", [alert], labels, labels, new Dictionary<string, string>(), "http://observe", WebhookMessage.CurrentVersion, key, 0);
            await outbox.EnqueueAsync(new Notification(key, "oncall", new WebhookEndpoint(url, true, 0), message, DateTimeOffset.UnixEpoch), CancellationToken.None);
        }
    }
}
