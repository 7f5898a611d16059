using System.Text.Json;
using DeepSeek.Observe.Alerting.Delivery;
using DeepSeek.Observe.Alerting.Forwarding;
using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Alerting.Tests.Delivery;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DeepSeek.Observe.Alerting.Tests.Forwarding;

public sealed class AlertmanagerForwarderTests
{
    [Fact]
    public async Task ForwardBatchAsync_RealAlertmanager_ItsWebhookReceiverGetsTheAlert()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alertmanager = await RealAlertmanager.StartAsync(directory.Path, receiver.Url, TimeSpan.FromSeconds(20));

        await using var services = Build(new Dictionary<string, string?> { ["Alerting:AlertmanagerUrls:0"] = alertmanager.Url });
        var sink = services.GetServices<IAlertSink>().OfType<AlertmanagerForwarder>().Single();
        var worker = services.GetServices<IHostedService>().OfType<AlertmanagerForwardingWorker>().Single();
        var labels = LabelSet.Create(new Dictionary<string, string>
        {
            ["alertname"] = "GpuTemperatureHigh",
            ["severity"] = "L1",
            ["layer"] = "Hardware",
            ["Hostname"] = "node-07",
            ["gpu"] = "3",
        });
        var annotations = LabelSet.Create(new Dictionary<string, string> { ["summary"] = "GPU 3 on node-07 at 91 °C" });
        var startsAt = new DateTimeOffset(2026, 3, 1, 11, 58, 0, 250, TimeSpan.Zero);

        await sink.SendAsync([new PostableAlert(labels, annotations, startsAt, null, "http://observe:9470/graph")], CancellationToken.None);
        Assert.True(await worker.ForwardBatchAsync(CancellationToken.None));

        var request = await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.Requests.FirstOrDefault()), TimeSpan.FromSeconds(20), "Alertmanager's webhook");
        using var payload = JsonDocument.Parse(request.Body);
        var root = payload.RootElement;
        Assert.Equal(("4", "firing", "hook"), (root.GetProperty("version").GetString(), root.GetProperty("status").GetString(), root.GetProperty("receiver").GetString()));
        var alert = Assert.Single(root.GetProperty("alerts").EnumerateArray());
        Assert.Equal(
            labels.ToDictionary(l => l.Name, l => l.Value),
            alert.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        Assert.Equal("GPU 3 on node-07 at 91 °C", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal(startsAt, alert.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal("http://observe:9470/graph", alert.GetProperty("generatorURL").GetString());

        // Our webhook encoder writes Alertmanager's own payload back byte for byte.
        Assert.Equal(
            System.Text.Encoding.UTF8.GetString(request.Body),
            System.Text.Encoding.UTF8.GetString(WebhookPayload.Serialize(WebhookPayload.Deserialize(request.Body)!)));
    }

    [Fact]
    public async Task SendAsync_QueueFull_DropsOldestAndCountsWithoutWaiting()
    {
        await using var services = Build(new Dictionary<string, string?>
        {
            ["Alerting:AlertmanagerUrls:0"] = "http://127.0.0.1:1",
            ["Alerting:AlertmanagerQueueCapacity"] = "2",
        });
        var sink = services.GetRequiredService<AlertmanagerForwarder>();
        var dropped = services.GetRequiredService<ForwardingInstrumentation>().Dropped.Value;

        await sink.SendAsync([Alert("a"), Alert("b"), Alert("c")], CancellationToken.None);

        Assert.True(services.GetRequiredService<ForwardingInstrumentation>().Dropped.Value >= dropped + 1);
        Assert.True(sink.Reader.TryRead(out var first));
        Assert.Equal("b", first.Labels["alertname"]);
    }

    [Fact]
    public async Task SendAsync_NoAlertmanagerConfigured_QueuesNothing()
    {
        await using var services = Build(new Dictionary<string, string?>());
        var sink = services.GetRequiredService<AlertmanagerForwarder>();

        await sink.SendAsync([Alert("a")], CancellationToken.None);

        Assert.False(sink.IsEnabled);
        Assert.Equal(0, sink.Reader.Count);
    }

    private static PostableAlert Alert(string name) =>
        new(LabelSet.Create(new Dictionary<string, string> { ["alertname"] = name }), LabelSet.Empty, DateTimeOffset.UnixEpoch, null, string.Empty);

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddAlertmanagerForwarding(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
}
