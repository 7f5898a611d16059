namespace DeepSeek.Observe.Alerting.Tests.Notifications.Dispatch;

public sealed class InhibitionTests
{
    private const string Config = """
        route:
          receiver: hook
          group_by: ['...']
          group_wait: 0s
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:9/hook
        inhibit_rules:
          - source_matchers: [severity="L1"]
            target_matchers: ['severity=~"L2|L3"']
            equal: [node]
        """;

    [Fact]
    public async Task Flush_L1OnNode_InhibitsL2OfJobOnThatNodeOnly()
    {
        var h = new DispatcherHarness(Config);
        var l1 = DispatcherHarness.Labels(("alertname", "GpuOverheating"), ("severity", "L1"), ("node", "n1"));
        var l2Same = DispatcherHarness.Labels(("alertname", "StepTimeStraggler"), ("severity", "L2"), ("node", "n1"), ("job", "train-7"));
        var l2Other = DispatcherHarness.Labels(("alertname", "StepTimeStraggler"), ("severity", "L2"), ("node", "n2"), ("job", "train-8"));
        await h.SendAsync(h.Firing(l1), h.Firing(l2Same), h.Firing(l2Other));

        await h.AdvanceAsync(TimeSpan.Zero);

        var notified = h.Outbox.Notifications.SelectMany(n => n.Message.Alerts).Select(a => a.Labels["alertname"] + "@" + a.Labels["node"]).Order().ToList();
        Assert.Equal(["GpuOverheating@n1", "StepTimeStraggler@n2"], notified);
        var views = h.Dispatcher.ActiveAlerts().ToDictionary(v => v.Alert.Labels);
        Assert.Equal([views[l1].Alert.FingerprintText], views[l2Same].InhibitedBy);
        Assert.Empty(views[l2Other].InhibitedBy);
        Assert.Empty(views[l1].InhibitedBy);
    }

    [Fact]
    public async Task Flush_SourceResolves_TargetIsNotifiedAgain()
    {
        var h = new DispatcherHarness(Config);
        var l1 = DispatcherHarness.Labels(("alertname", "GpuOverheating"), ("severity", "L1"), ("node", "n1"));
        var l2 = DispatcherHarness.Labels(("alertname", "StepTimeStraggler"), ("severity", "L2"), ("node", "n1"));
        var startsAt = h.Time.GetUtcNow();
        await h.SendAsync(h.Firing(l1, startsAt), h.Firing(l2, startsAt));
        await h.AdvanceAsync(TimeSpan.Zero);
        h.Outbox.Clear();

        await h.SendAsync(h.Resolved(l1, startsAt), h.Firing(l2, startsAt));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Contains(h.Outbox.Notifications, n => n.Message.Alerts.Any(a => a.Labels["alertname"] == "StepTimeStraggler" && a.Status == "firing"));
    }

    [Fact]
    public async Task Inhibit_AlertMatchingSourceAndTarget_DoesNotInhibitItself()
    {
        var h = new DispatcherHarness(Config.Replace("target_matchers: ['severity=~\"L2|L3\"']", "target_matchers: ['severity=~\"L1|L2\"']", StringComparison.Ordinal));
        await h.SendAsync(h.Firing(DispatcherHarness.Labels(("alertname", "GpuOverheating"), ("severity", "L1"), ("node", "n1"))));

        Assert.Empty(Assert.Single(h.Dispatcher.ActiveAlerts()).InhibitedBy);
    }
}
