using DeepSeek.Observe.Alerting.Delivery;
using DeepSeek.Observe.Testing;

namespace DeepSeek.Observe.Alerting.Tests.Delivery;

public sealed class WebhookDeliveryWorkerTests
{
    [Fact]
    public async Task DeliverDueAsync_SigningKey_ReceiverGetsExactBodyWithValidSignatureAndHeaders()
    {
        using var directory = new TemporaryDirectory();
        var keyFile = Path.Combine(directory.Path, "webhook.key");
        await File.WriteAllTextAsync(keyFile, "correct horse battery staple\n");
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = DeliveryFixture.Create(directory.Path, settings: new Dictionary<string, string?> { ["Alerting:WebhookSigningKeyFile"] = keyFile });
        var notification = DeliveryFixture.Notification(receiver.Url, "group-1/oncall/0/firing");

        await fixture.Outbox.EnqueueAsync(notification, CancellationToken.None);
        Assert.Equal(1, await fixture.Worker.DeliverDueAsync(CancellationToken.None));

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(WebhookPayload.Serialize(notification.Message), request.Body);
        Assert.True(WebhookSigner.Verify("correct horse battery staple"u8, request.Body, request.Signature), $"signature {request.Signature}");
        Assert.Equal("application/json", request.ContentType);
        Assert.StartsWith("DeepSeek.Observe/", request.UserAgent, StringComparison.Ordinal);
        Assert.Equal("group-1/oncall/0/firing", request.IdempotencyKey);
        Assert.Equal(OutboxState.Delivered, fixture.Outbox.Snapshot().Single().State);
    }

    [Fact]
    public async Task DeliverDueAsync_NoSigningKey_SendsNoSignatureHeader()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = DeliveryFixture.Create(directory.Path);

        await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(receiver.Url, "k"), CancellationToken.None);
        await fixture.Worker.DeliverDueAsync(CancellationToken.None);

        Assert.Null(Assert.Single(receiver.Requests).Signature);
    }

    [Fact]
    public async Task DeliverDueAsync_ReceiverFailsSixTimes_RetriesOnBackoffScheduleThenDelivers()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = n => n <= 6 ? 500 : 200;
        await using var fixture = DeliveryFixture.Create(directory.Path);
        await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(receiver.Url, "k"), CancellationToken.None);

        var waits = new List<double>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            Assert.Equal(1, await fixture.Worker.DeliverDueAsync(CancellationToken.None));
            var record = fixture.Outbox.Snapshot().Single();
            Assert.Equal(OutboxState.Pending, record.State);
            var wait = record.NextAttemptAt - fixture.Time.GetUtcNow();
            waits.Add(wait.TotalSeconds);

            // Not due a moment before the backoff ends; due once it has.
            fixture.FakeTime.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, await fixture.Worker.DeliverDueAsync(CancellationToken.None));
            fixture.FakeTime.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(1, await fixture.Worker.DeliverDueAsync(CancellationToken.None));
        Assert.Equal([1, 2, 4, 8, 16, 30], waits);
        Assert.Equal(OutboxState.Delivered, fixture.Outbox.Snapshot().Single().State);
        Assert.Equal(7, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Single(receiver.Requests.Select(r => Convert.ToBase64String(r.Body)).Distinct());
        Assert.Single(receiver.Accepted);
    }

    [Fact]
    public async Task DeliverDueAsync_TenFailures_KeepsDeadLetterUntilRetried()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => 503;
        await using var fixture = DeliveryFixture.Create(directory.Path);
        await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(receiver.Url, "k"), CancellationToken.None);
        var deadBefore = fixture.Metrics.DeadLettered.Value;

        await FailUntilSettledAsync(fixture);

        var dead = fixture.Outbox.Snapshot().Single();
        Assert.Equal(OutboxState.DeadLettered, dead.State);
        Assert.Equal(10, dead.Attempts);
        Assert.Equal(10, receiver.Requests.Count);
        Assert.Equal("HTTP 503 Service Unavailable", dead.LastError);
        Assert.NotEmpty(dead.Body);
        // The counter is process-wide and other tests dead-letter too, in parallel.
        Assert.True(fixture.Metrics.DeadLettered.Value >= deadBefore + 1);

        // Nothing is attempted however long one waits: a dead letter waits for an operator.
        fixture.FakeTime.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await fixture.Worker.DeliverDueAsync(CancellationToken.None));

        receiver.Respond = _ => 200;
        Assert.NotNull(await fixture.Outbox.RetryDeadLetterAsync(dead.Id, CancellationToken.None));
        Assert.Equal(1, await fixture.Worker.DeliverDueAsync(CancellationToken.None));
        Assert.Equal(OutboxState.Delivered, fixture.Outbox.Find(dead.Id)!.State);
        Assert.Single(receiver.Accepted);
    }

    [Fact]
    public async Task DeliverDueAsync_ConnectionRefused_CountsAsFailedAttempt()
    {
        using var directory = new TemporaryDirectory();
        await using var fixture = DeliveryFixture.Create(directory.Path);
        var nowhere = new Uri($"http://127.0.0.1:{DeepSeek.Observe.Testing.FreePort.Next()}/hook");
        await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(nowhere, "k"), CancellationToken.None);

        await fixture.Worker.DeliverDueAsync(CancellationToken.None);

        var record = fixture.Outbox.Snapshot().Single();
        Assert.Equal((OutboxState.Pending, 1), (record.State, record.Attempts));
        Assert.StartsWith("request failed", record.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverDueAsync_TwoNotificationsOfOneGroup_SecondWaitsForFirst()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = n => n == 1 ? 500 : 200;
        await using var fixture = DeliveryFixture.Create(directory.Path);
        await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(receiver.Url, "firing"), CancellationToken.None);
        await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(receiver.Url, "resolved", status: "resolved"), CancellationToken.None);

        await fixture.Worker.DeliverDueAsync(CancellationToken.None);
        Assert.Single(receiver.Requests);
        fixture.FakeTime.Advance(TimeSpan.FromSeconds(1));
        await fixture.Worker.DeliverDueAsync(CancellationToken.None);
        await fixture.Worker.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(["firing", "firing", "resolved"], receiver.Requests.Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task ExecuteAsync_RealClock_DeliversOnceReceiverRecovers()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = n => n <= 2 ? 500 : 200;
        await using var fixture = DeliveryFixture.Create(directory.Path, TimeProvider.System, new Dictionary<string, string?> { ["Alerting:RetryInitialDelay"] = "00:00:00.050" });
        await fixture.Worker.StartAsync(CancellationToken.None);
        try
        {
            await fixture.Outbox.EnqueueAsync(DeliveryFixture.Notification(receiver.Url, "k"), CancellationToken.None);

            await DeepSeek.Observe.Testing.Eventually.ReturnsAsync(
                () => Task.FromResult(receiver.Accepted.Count == 1 ? receiver : null), TimeSpan.FromSeconds(10), "delivery after two failures");
        }
        finally
        {
            await fixture.Worker.StopAsync(CancellationToken.None);
        }

        Assert.Equal(3, receiver.Requests.Count);
    }

    private static async Task FailUntilSettledAsync(DeliveryFixture fixture)
    {
        for (var i = 0; i < 20 && fixture.Outbox.NextDueAt() is { } next; i++)
        {
            fixture.FakeTime.SetUtcNow(next);
            await fixture.Worker.DeliverDueAsync(CancellationToken.None);
        }
    }
}
