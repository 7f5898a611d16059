using System.Text.Json;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage;
using DeepSeek.Observe.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static DeepSeek.Observe.Host.Tests.RemoteWriteSender;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// The issue's third must-show through the whole chain: rules fire inside <c>serve</c>, the dispatcher groups and
/// notifies, the webhook answers 500, the platform is killed (SIGKILL) and restarted on the same data directory, and
/// once the receiver recovers every alert's notification arrives. After the restart the rule engine restores the
/// <c>for</c> state of a long-<c>for</c> alert (it stays firing instead of pending for 15 minutes again) and the
/// notification log keeps the unchanged groups from being notified a second time before repeat_interval.
/// </summary>
public sealed class NotificationChainProcessTests : IDisposable
{
    // ChaosNow fires at the first evaluation, as three alerts in three groups; ChaosHeld needs 15m of pending, which
    // only restored for-state can give it within the test (see SeedHeldAlertHistoryAsync).
    private const string Rules = """
        groups:
          - name: chaos
            interval: 1s
            rules:
              - alert: ChaosNow
                expr: label_replace(vector(1), "shard", "a", "", "") or label_replace(vector(2), "shard", "b", "", "") or label_replace(vector(3), "shard", "c", "", "")
                labels: { severity: L1 }
                annotations: { summary: "shard {{ $labels.shard }}" }
              - alert: ChaosHeld
                expr: vector(1)
                for: 15m
                labels: { severity: L2 }
        """;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly string[] s_expected = ["ChaosHeld/", "ChaosNow/a", "ChaosNow/b", "ChaosNow/c"];
    private readonly DirectoryInfo _workDirectory = Directory.CreateTempSubdirectory("observe-chain-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private volatile bool _receiverDown = true;

    private string DataDirectory => Path.Combine(_workDirectory.FullName, "data");

    [Fact]
    public async Task Serve_RulesFireWhileReceiverFailsAndPlatformIsKilled_EveryAlertDeliveredOnceReceiverRecovers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => _receiverDown ? 500 : 200;
        var heldSince = await SeedHeldAlertHistoryAsync();
        string[] arguments = ["serve", "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--data", DataDirectory, "--rules", WriteFile("chaos.yml", Rules),
            "--notification-config", WriteFile("notify.yml", NotificationConfig(receiver.Url))];
        var url = arguments[2];

        // Short backoff so the test sees many attempts in seconds, and enough attempts that none dead-letters while
        // the platform is down; the real schedule (1 s doubling to 30 s, 10 tries) is tested on a fake clock.
        var environment = new Dictionary<string, string?>
        {
            ["Alerting__RetryInitialDelay"] = "00:00:00.200",
            ["Alerting__RetryMaxDelay"] = "00:00:01",
            ["Alerting__MaxDeliveryAttempts"] = "200",
        };

        string heldActiveAt;
        await using (var first = ChildProcess.StartHost(arguments, _workDirectory.FullName, environment))
        {
            await Readiness.WaitAsync(_http, url, first, s_timeout);
            await Eventually.ReturnsAsync(
                () => Task.FromResult(FailedTwiceEach(receiver, s_expected.Length) ? receiver : null), s_timeout, "two failed attempts per notification");
            heldActiveAt = await FiringActiveAtAsync(url, "ChaosHeld") ?? throw new InvalidOperationException("ChaosHeld is not firing");
            first.Kill();
            await first.WaitForExitAsync(s_timeout);
        }

        Assert.Empty(receiver.Accepted);
        Assert.Equal(heldSince, ParseTime(heldActiveAt));
        var keysBeforeKill = DistinctKeys(receiver);
        Assert.Equal(s_expected.Length, keysBeforeKill.Count);
        var requestsBeforeRestart = receiver.Requests.Count;

        await using var second = ChildProcess.StartHost(arguments, _workDirectory.FullName, environment);
        await Readiness.WaitAsync(_http, url, second, s_timeout);

        // Still failing: the restarted platform retries what its outbox kept, and the restored rule sends ChaosHeld
        // to the dispatcher again, which finds it notified already.
        var restoredActiveAt = await Eventually.ReturnsAsync(
            async () => await DispatcherHasAsync(url, "ChaosHeld") ? await FiringActiveAtAsync(url, "ChaosHeld") : null,
            s_timeout,
            "ChaosHeld firing again and in the dispatcher");
        await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.Requests.Count >= requestsBeforeRestart + s_expected.Length ? receiver : null), s_timeout, "retries after the restart");
        Assert.Empty(receiver.Accepted);

        _receiverDown = false;
        await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.Accepted.Select(r => r.IdempotencyKey).Distinct().Count() >= s_expected.Length ? receiver : null),
            s_timeout,
            "every notification delivered");

        // Several group intervals more: an unchanged group must not be notified again before repeat_interval (1h).
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var notifications = JsonDocument.Parse(await _http.GetStringAsync($"{url}/api/v1/notifications"));
        var metrics = await _http.GetStringAsync($"{url}/metrics");
        second.Terminate();
        await second.WaitForExitAsync(s_timeout);

        Assert.Equal(heldSince, ParseTime(restoredActiveAt));
        Assert.Equal(keysBeforeKill, DistinctKeys(receiver));

        // The restarted dispatcher got every alert again and, by its notification log, decided nothing was news; even
        // a repeated decision would have met the outbox's idempotency key, so this is what shows the log was kept.
        Assert.True(MetricValue(metrics, "observe_notification_alerts_received_total{source=\"rules\"}") >= s_expected.Length, metrics);
        Assert.Equal(0, MetricValue(metrics, "observe_notification_notifications_total{receiver=\"hook\"}"));
        var outbox = notifications.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(s_expected.Length, outbox.Count);
        Assert.All(outbox, n => Assert.Equal("delivered", n.GetProperty("state").GetString()));

        // At least once: a key may arrive more than once, but always with the same body.
        var accepted = receiver.Accepted.GroupBy(r => r.IdempotencyKey).ToList();
        Assert.All(accepted, g => Assert.Single(g.Select(r => Convert.ToBase64String(r.Body)).Distinct()));
        var alerts = accepted.SelectMany(g => FiringAlerts(g.First().Body)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(s_expected, alerts);
    }

    public void Dispose()
    {
        _http.Dispose();
        _workDirectory.Delete(recursive: true);
    }

    private static string NotificationConfig(Uri receiver) => $"""
        route:
          receiver: hook
          group_by: [alertname, shard]
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: {receiver}
        """;

    private static double MetricValue(string exposition, string series) =>
        exposition.Split('\n').Where(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .SingleOrDefault();

    private static bool FailedTwiceEach(WebhookReceiver receiver, int notifications)
    {
        var attempts = receiver.Requests.Where(r => r.Status == 500).GroupBy(r => r.IdempotencyKey).ToList();
        return attempts.Count >= notifications && attempts.All(g => g.Count() >= 2);
    }

    private static SortedSet<string> DistinctKeys(WebhookReceiver receiver) =>
        new(receiver.Requests.Select(r => r.IdempotencyKey), StringComparer.Ordinal);

    private static List<string> FiringAlerts(byte[] body)
    {
        using var payload = JsonDocument.Parse(body);
        return payload.RootElement.GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("status").GetString() == "firing")
            .Select(a => a.GetProperty("labels"))
            .Select(l => $"{l.GetProperty("alertname").GetString()}/{(l.TryGetProperty("shard", out var shard) ? shard.GetString() : string.Empty)}")
            .ToList();
    }

    /// <summary>
    /// The rule engine's record of a platform that ran for a while before the test: ChaosHeld pending since 20
    /// minutes ago, as its ALERTS_FOR_STATE series says. Written through the store itself, so the first start finds
    /// it exactly as it would find its own samples; without this a 15m <c>for</c> (restore only applies from the 10m
    /// grace period on) could not fire within the test.
    /// </summary>
    private async Task<DateTimeOffset> SeedHeldAlertHistoryAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var since = DateTimeOffset.FromUnixTimeSeconds((now - TimeSpan.FromMinutes(20)).ToUnixTimeSeconds());
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = DataDirectory });
        builder.Services.AddLogging().AddStorage(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var series = Series("ALERTS_FOR_STATE", [("alertname", "ChaosHeld"), ("severity", "L2")], ((now - TimeSpan.FromSeconds(5)).ToUnixTimeMilliseconds(), since.ToUnixTimeSeconds()));
        await host.Services.GetRequiredService<ISampleAppender>().AppendAsync([series], CancellationToken.None);
        await host.StopAsync();
        return since;
    }

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The alert's activeAt as /api/v1/alerts shows it, or null while it is not firing.</summary>
    private async Task<string?> FiringActiveAtAsync(string url, string alertname)
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync($"{url}/api/v1/alerts"));
        return doc.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("labels").GetProperty("alertname").GetString() == alertname && a.GetProperty("state").GetString() == "firing")
            .Select(a => a.GetProperty("activeAt").GetString())
            .SingleOrDefault();
    }

    private async Task<bool> DispatcherHasAsync(string url, string alertname)
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync($"{url}/api/v2/alerts"));
        return doc.RootElement.EnumerateArray().Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == alertname);
    }

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_workDirectory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
