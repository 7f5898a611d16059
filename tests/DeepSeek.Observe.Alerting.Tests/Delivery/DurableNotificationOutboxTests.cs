using DeepSeek.Observe.Alerting.Delivery;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Alerting.Tests.Delivery;

public sealed class DurableNotificationOutboxTests
{
    [Fact]
    public async Task EnqueueAsync_DefaultDirectory_IsUnderStorageDataDirectory()
    {
        using var directory = new TemporaryDirectory();
        await using var fixture = DeliveryFixture.Create(directory.Path);

        await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(new Uri("http://127.0.0.1:1/"), "k"), CancellationToken.None);

        Assert.Single(Directory.GetFiles(Path.Combine(directory.Path, "alerting", "outbox"), "*.ntf"));
    }

    [Fact]
    public async Task Restart_AfterCrashWithTornFiles_DeliversEveryNotificationExactlyOnce()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        var keys = Enumerable.Range(0, 5).Select(i => $"group-{i}/oncall/0").ToArray();
        string outboxDirectory;
        double corruptBefore;

        // First life: enqueued, never delivered (receiver down), then "killed": disposed without draining.
        await using (var first = DeliveryFixture.Create(directory.Path))
        {
            foreach (var key in keys)
            {
                await first.Outbox.EnqueueAsync(DeliveryFixture.Notification(receiver.Url, key, group: key), CancellationToken.None);
            }

            outboxDirectory = first.Outbox.Directory;
            corruptBefore = first.Metrics.CorruptFiles.Value;
        }

        // What a crash mid-write leaves: a half-written temporary file, and a torn record under a final name.
        var victim = Directory.GetFiles(outboxDirectory, "*.ntf")[0];
        await File.WriteAllBytesAsync(victim + ".tmp", (await File.ReadAllBytesAsync(victim))[..20]);
        await File.WriteAllBytesAsync(Path.Combine(outboxDirectory, "0123456789abcdef0123456789abcdef.ntf"), [0x31, 0x46, 0x54]);

        await using var second = DeliveryFixture.Create(directory.Path);
        Assert.Equal(5, second.Outbox.Snapshot(OutboxState.Pending).Count);
        await second.Worker.DeliverDueAsync(CancellationToken.None);
        await second.Worker.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(keys.Order(StringComparer.Ordinal), receiver.Requests.Select(r => r.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(outboxDirectory, "*.tmp"));
        Assert.Single(Directory.GetFiles(Path.Combine(outboxDirectory, "corrupt")));
        Assert.True(second.Metrics.CorruptFiles.Value >= corruptBefore + 1);
    }

    [Fact]
    public async Task Restart_CrashBetweenDeliveryAndRecordingIt_RedeliversWithSameKey()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        var notification = DeliveryFixture.Notification(receiver.Url, "group-1/oncall/0");
        string file;
        byte[] beforeDelivery;
        await using (var first = DeliveryFixture.Create(directory.Path))
        {
            await first.Outbox.EnqueueAsync(notification, CancellationToken.None);
            file = Directory.GetFiles(first.Outbox.Directory, "*.ntf").Single();
            beforeDelivery = await File.ReadAllBytesAsync(file);
            await first.Worker.DeliverDueAsync(CancellationToken.None);
        }

        // The disk as it was if the process died after the receiver's 200 but before the record said "delivered".
        await File.WriteAllBytesAsync(file, beforeDelivery);
        await using var second = DeliveryFixture.Create(directory.Path);
        await second.Worker.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal("group-1/oncall/0", r.IdempotencyKey));
        Assert.Equal(receiver.Requests.First().Body, receiver.Requests.Last().Body);
    }

    [Fact]
    public async Task EnqueueAsync_KeyAlreadyDeliveredBeforeRestart_IsNotSentAgain()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using (var first = DeliveryFixture.Create(directory.Path))
        {
            await first.Outbox.EnqueueAsync(DeliveryFixture.Notification(receiver.Url, "k"), CancellationToken.None);
            await first.Worker.DeliverDueAsync(CancellationToken.None);
        }

        await using var second = DeliveryFixture.Create(directory.Path);
        await second.Outbox.EnqueueAsync(DeliveryFixture.Notification(receiver.Url, "k"), CancellationToken.None);
        await second.Worker.DeliverDueAsync(CancellationToken.None);

        Assert.Single(receiver.Requests);
        Assert.Equal(OutboxState.Delivered, second.Outbox.Snapshot().Single().State);
        Assert.Empty(second.Outbox.Snapshot().Single().Body);
    }

    [Fact]
    public async Task EnqueueAsync_SameKeyTwice_KeepsOne()
    {
        using var directory = new TemporaryDirectory();
        await using var fixture = DeliveryFixture.Create(directory.Path);
        var notification = DeliveryFixture.Notification(new Uri("http://127.0.0.1:1/"), "k");

        await fixture.Outbox.EnqueueAsync(notification, CancellationToken.None);
        await fixture.Outbox.EnqueueAsync(notification, CancellationToken.None);

        Assert.Single(fixture.Outbox.Snapshot());
    }

    [Fact]
    public async Task EnqueueAsync_Full_ThrowsAndCountsWithoutDroppingAnything()
    {
        using var directory = new TemporaryDirectory();
        await using var fixture = DeliveryFixture.Create(directory.Path, settings: new Dictionary<string, string?> { ["Alerting:MaxQueuedNotifications"] = "2" });
        var url = new Uri("http://127.0.0.1:1/");
        await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(url, "a"), CancellationToken.None);
        await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(url, "b"), CancellationToken.None);
        var rejectedBefore = fixture.Metrics.Rejected.Value;

        var error = await Assert.ThrowsAsync<OutboxFullException>(() => fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(url, "c"), CancellationToken.None).AsTask());

        Assert.Contains("MaxQueuedNotifications", error.Message, StringComparison.Ordinal);
        Assert.True(fixture.Metrics.Rejected.Value >= rejectedBefore + 1);
        Assert.Equal(["a", "b"], fixture.Outbox.Snapshot().Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task MarkDeliveredAsync_PastRecentBound_ForgetsOldestDelivered()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = DeliveryFixture.Create(directory.Path, settings: new Dictionary<string, string?> { ["Alerting:MaxRecentNotifications"] = "2" });

        foreach (var key in new[] { "a", "b", "c" })
        {
            await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(receiver.Url, key, group: key), CancellationToken.None);
            await fixture.Worker.DeliverDueAsync(CancellationToken.None);
            fixture.FakeTime.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["b", "c"], fixture.Outbox.Snapshot().Select(r => r.IdempotencyKey));
        Assert.Equal(2, Directory.GetFiles(fixture.Outbox.Directory, "*.ntf").Length);
    }
}
