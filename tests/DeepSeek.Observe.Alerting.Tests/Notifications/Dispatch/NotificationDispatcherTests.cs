using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Alerting.Notifications.Dispatch;
using DeepSeek.Observe.Alerting.Notifications.Matching;

namespace DeepSeek.Observe.Alerting.Tests.Notifications.Dispatch;

public sealed class NotificationDispatcherTests
{
    private const string OneWebhook = """
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 4h
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:9/hook
        """;

    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Flush_NewGroup_NotifiesOnlyAfterGroupWait()
    {
        var h = new DispatcherHarness(OneWebhook);
        await h.SendAsync(h.Firing(DispatcherHarness.Labels(("alertname", "GpuHot"), ("node", "n1"))));

        await h.AdvanceAsync(TimeSpan.FromSeconds(29));
        Assert.Empty(h.Outbox.Notifications);

        await h.AdvanceAsync(s_second);
        var notification = Assert.Single(h.Outbox.Notifications);
        var message = notification.Message;
        Assert.Equal("hook", message.Receiver);
        Assert.Equal("firing", message.Status);
        Assert.Equal("{}:{alertname=\"GpuHot\"}", message.GroupKey);
        Assert.Equal("GpuHot", message.GroupLabels["alertname"]);
        var alert = Assert.Single(message.Alerts);
        Assert.Equal("n1", alert.Labels["node"]);
        Assert.Equal(DateTimeOffset.MinValue, alert.EndsAt);
        Assert.Equal(16, alert.Fingerprint.Length);
        Assert.Equal(new Uri("http://127.0.0.1:9/hook"), notification.Webhook.Url);
    }

    [Fact]
    public async Task Flush_AlertAddedToNotifiedGroup_WaitsForGroupInterval()
    {
        var h = new DispatcherHarness(OneWebhook);
        await h.SendAsync(h.Firing(DispatcherHarness.Labels(("alertname", "GpuHot"), ("node", "n1"))));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        h.Outbox.Clear();

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        await h.SendAsync(h.Firing(DispatcherHarness.Labels(("alertname", "GpuHot"), ("node", "n2"))));
        await h.AdvanceAsync(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(59));
        Assert.Empty(h.Outbox.Notifications);

        await h.AdvanceAsync(s_second);
        var message = Assert.Single(h.Outbox.Notifications).Message;
        Assert.Equal(["n1", "n2"], message.Alerts.Select(a => a.Labels["node"]));
    }

    [Fact]
    public async Task Flush_UnchangedFiringGroup_RepeatsOnlyAfterRepeatInterval()
    {
        var h = new DispatcherHarness(OneWebhook);
        var labels = DispatcherHarness.Labels(("alertname", "GpuHot"));
        var startsAt = h.Time.GetUtcNow();
        await h.SendAsync(h.Firing(labels, startsAt));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        var first = Assert.Single(h.Outbox.Notifications);

        // The rule evaluator re-sends the firing alert every minute; every group interval passes without news.
        for (var minute = 1; minute < 240; minute++)
        {
            await h.SendAsync(h.Firing(labels, startsAt));
            await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        Assert.Single(h.Outbox.Notifications);
        await h.SendAsync(h.Firing(labels, startsAt));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(2, h.Outbox.Notifications.Count);
        Assert.NotEqual(first.IdempotencyKey, h.Outbox.Notifications[1].IdempotencyKey);
    }

    [Fact]
    public async Task Flush_ResolvedAlert_SendsResolvedNotificationOnce()
    {
        var h = new DispatcherHarness(OneWebhook);
        var labels = DispatcherHarness.Labels(("alertname", "GpuHot"));
        var startsAt = h.Time.GetUtcNow();
        await h.SendAsync(h.Firing(labels, startsAt));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        await h.SendAsync(h.Resolved(labels, startsAt));
        await h.AdvanceAsync(TimeSpan.FromMinutes(4));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(2, h.Outbox.Notifications.Count);
        var resolved = h.Outbox.Notifications[1].Message;
        Assert.Equal("resolved", resolved.Status);
        Assert.Equal("resolved", Assert.Single(resolved.Alerts).Status);
        Assert.Equal(startsAt + TimeSpan.FromSeconds(90), resolved.Alerts[0].EndsAt);
        Assert.Empty(h.Dispatcher.ActiveAlerts());
    }

    [Fact]
    public async Task Flush_SendResolvedFalse_DoesNotSendResolved()
    {
        var h = new DispatcherHarness(OneWebhook.Replace("url: http://127.0.0.1:9/hook", "url: http://127.0.0.1:9/hook\n        send_resolved: false", StringComparison.Ordinal));
        var labels = DispatcherHarness.Labels(("alertname", "GpuHot"));
        var startsAt = h.Time.GetUtcNow();
        await h.SendAsync(h.Firing(labels, startsAt));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        await h.SendAsync(h.Resolved(labels, startsAt));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal("firing", Assert.Single(h.Outbox.Notifications).Message.Status);
    }

    [Fact]
    public async Task Flush_AlertWithoutEndsAt_ResolvesAfterResolveTimeout()
    {
        var h = new DispatcherHarness("global: {resolve_timeout: 1m}\n" + OneWebhook);
        await h.Dispatcher.SendAsync([new PostableAlert(DispatcherHarness.Labels(("alertname", "Manual")), DispatcherHarness.Labels(), default, null, "")], CancellationToken.None);
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(["firing", "resolved"], h.Outbox.Notifications.Select(n => n.Message.Status));
    }

    [Fact]
    public async Task Flush_OutboxRefuses_RetriesWithTheSameIdempotencyKey()
    {
        var h = new DispatcherHarness(OneWebhook);
        await h.SendAsync(h.Firing(DispatcherHarness.Labels(("alertname", "GpuHot"))));
        h.Outbox.Refuse = true;
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        var refusedKey = h.Outbox.Notifications.Count;

        h.Outbox.Refuse = false;
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        var key = Assert.Single(h.Outbox.Notifications).IdempotencyKey;

        // A fresh dispatcher (nothing logged) makes the same decision with the same key.
        var again = new DispatcherHarness(OneWebhook);
        await again.SendAsync(again.Firing(DispatcherHarness.Labels(("alertname", "GpuHot"))));
        await again.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, refusedKey);
        Assert.Equal(key, Assert.Single(again.Outbox.Notifications).IdempotencyKey);
    }

    [Fact]
    public async Task Flush_AfterRestartWithSavedLog_DoesNotRepeatNotification()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nflog-{Guid.NewGuid():N}.json");
        try
        {
            var labels = DispatcherHarness.Labels(("alertname", "GpuHot"));
            var before = new DispatcherHarness(OneWebhook, logFile: new NotificationLogFile(path));
            var startsAt = before.Time.GetUtcNow();
            await before.SendAsync(before.Firing(labels, startsAt));
            await before.AdvanceAsync(TimeSpan.FromSeconds(30));
            Assert.Single(before.Outbox.Notifications);

            // The platform restarts a minute later; the rule evaluator re-sends the still-firing alert.
            var after = new DispatcherHarness(OneWebhook, logFile: new NotificationLogFile(path), start: before.Time.GetUtcNow() + TimeSpan.FromMinutes(1));
            await after.SendAsync(after.Firing(labels, startsAt));
            await after.AdvanceAsync(TimeSpan.Zero);
            await after.AdvanceAsync(TimeSpan.FromMinutes(5));
            Assert.Empty(after.Outbox.Notifications);

            // Without the saved log the same restart notifies again (immediately: the alert is older than group_wait).
            var forgetful = new DispatcherHarness(OneWebhook, start: before.Time.GetUtcNow() + TimeSpan.FromMinutes(1));
            await forgetful.SendAsync(forgetful.Firing(labels, startsAt));
            await forgetful.AdvanceAsync(TimeSpan.Zero);
            Assert.Single(forgetful.Outbox.Notifications);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Flush_MaxAlerts_TruncatesAndCounts()
    {
        var h = new DispatcherHarness(OneWebhook.Replace("url: http://127.0.0.1:9/hook", "url: http://127.0.0.1:9/hook\n        max_alerts: 2", StringComparison.Ordinal));
        foreach (var node in new[] { "n3", "n1", "n2" })
        {
            await h.SendAsync(h.Firing(DispatcherHarness.Labels(("alertname", "GpuHot"), ("node", node), ("role", "gpu"))));
        }

        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        var message = Assert.Single(h.Outbox.Notifications).Message;
        Assert.Equal(["n1", "n2"], message.Alerts.Select(a => a.Labels["node"]));
        Assert.Equal(1, message.TruncatedAlerts);
        Assert.Equal("gpu", message.CommonLabels["role"]);
        Assert.False(message.CommonLabels.ContainsKey("node"));
    }

    [Fact]
    public async Task Flush_Silenced_NotNotifiedUntilSilenceExpires()
    {
        var h = new DispatcherHarness(OneWebhook);
        var now = h.Time.GetUtcNow();
        var silence = h.Silences.Set(null, [Matcher.Create("alertname", MatcherType.Equal, "GpuHot")], now, now + TimeSpan.FromHours(1), "ops", "maintenance");
        Assert.NotNull(silence.Id);
        var labels = DispatcherHarness.Labels(("alertname", "GpuHot"));
        await h.SendAsync(h.Firing(labels));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(h.Outbox.Notifications);
        var view = Assert.Single(h.Dispatcher.ActiveAlerts());
        Assert.Equal([silence.Id], view.SilencedBy);
        Assert.True(view.IsSuppressed);

        h.Silences.Expire(silence.Id);
        await h.SendAsync(h.Firing(labels));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Single(h.Outbox.Notifications);
    }

    [Fact]
    public async Task Flush_SilencedAfterNotification_ExpiredSilenceWaitsForRepeatInterval()
    {
        var h = new DispatcherHarness(OneWebhook);
        var labels = DispatcherHarness.Labels(("alertname", "GpuHot"));
        await h.SendAsync(h.Firing(labels));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Single(h.Outbox.Notifications);

        var now = h.Time.GetUtcNow();
        var silence = h.Silences.Set(null, [Matcher.Create("alertname", MatcherType.Equal, "GpuHot")], now, now + TimeSpan.FromHours(1), "ops", "maintenance");
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        h.Silences.Expire(silence.Id!);
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));

        // As in Alertmanager, a group left without alerts by silences stops before the notification log: the receiver
        // last heard the alert firing, so it hears it again at repeat_interval, not the moment the silence ends.
        Assert.Single(h.Outbox.Notifications);
    }

    [Fact]
    public async Task Accept_StoreFull_RefusesWholeBatch()
    {
        var h = new DispatcherHarness(OneWebhook, new NotificationOptions { MaxAlerts = 2 });
        Assert.True(h.Dispatcher.Accept([h.Firing(DispatcherHarness.Labels(("alertname", "A")))], "test").Accepted);

        var result = h.Dispatcher.Accept(
            [h.Firing(DispatcherHarness.Labels(("alertname", "B"))), h.Firing(DispatcherHarness.Labels(("alertname", "C")))], "test");

        Assert.False(result.Accepted);
        Assert.Contains("MaxAlerts", result.Error, StringComparison.Ordinal);
        Assert.Single(h.Dispatcher.ActiveAlerts());
        Assert.True(h.Dispatcher.Accept([h.Firing(DispatcherHarness.Labels(("alertname", "A")))], "test").Accepted);
    }

    [Fact]
    public async Task Accept_SameLabelsTwice_KeepsOneAlertWithEarliestStart()
    {
        var h = new DispatcherHarness(OneWebhook);
        var labels = DispatcherHarness.Labels(("alertname", "A"), ("node", "n1"), ("severity", "L1"));
        var startsAt = h.Time.GetUtcNow();
        await h.SendAsync(h.Firing(labels, startsAt));
        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        await h.SendAsync(h.Firing(labels, startsAt + TimeSpan.FromSeconds(5)));

        var view = Assert.Single(h.Dispatcher.ActiveAlerts());
        Assert.Equal(startsAt, view.Alert.StartsAt);
        // The fingerprint Alertmanager 0.25 reports for these labels.
        Assert.Equal("ce69eef311a3cb86", view.Alert.FingerprintText);
    }
}
