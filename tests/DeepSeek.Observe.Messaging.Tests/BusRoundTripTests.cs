using DeepSeek.Observe.Core;
using DeepSeek.Observe.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeepSeek.Observe.Messaging.Tests;

/// <summary>Publish → consume through each transport; RabbitMQ is the real broker started by tests/run.sh.</summary>
public class BusRoundTripTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Publish_InMemoryTransport_ConsumerReceivesEqualMessage()
    {
        await using var bus = await BusHarness.StartAsync(rabbitMq: null);

        await AssertRoundTripAsync(bus);
    }

    [Fact]
    public async Task Publish_RabbitMq_ConsumerReceivesEqualMessage()
    {
        await using var bus = await BusHarness.StartAsync(TestServers.RabbitMq);
        var health = await bus.WaitUntilHealthyAsync();
        Assert.Equal(HealthStatus.Healthy, health.Status);

        await AssertRoundTripAsync(bus);
    }

    [Fact]
    public async Task Health_RabbitMqUnreachable_IsUnhealthyWithReason()
    {
        await using var bus = await BusHarness.StartAsync($"amqp://guest:guest@127.0.0.1:{FreePort.Next()}/");

        var report = await bus.CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        var entry = report.Entries[MessagingServiceCollectionExtensions.HealthCheckName];
        Assert.False(string.IsNullOrWhiteSpace(entry.Description));
    }

    private static async Task AssertRoundTripAsync(BusHarness bus)
    {
        var detector = $"detector-{Guid.NewGuid():N}";
        var sent = new Anomaly(
            EntityId.Gpu("node-1", "3"),
            Layer.Hardware,
            LabelSet.Create([new Label("__name__", "DCGM_FI_DEV_GPU_TEMP"), new Label("Hostname", "node-1"), new Label("gpu", "3")]),
            detector,
            0.97,
            new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 23, 9, 5, 0, TimeSpan.Zero));
        var received = AnomalyCollector.WaitFor(detector);

        await bus.Publisher.Publish(sent).WaitAsync(s_timeout);

        Assert.Equal(sent, await received.WaitAsync(s_timeout));
    }
}
