using DeepSeek.Observe.Alerting.Delivery;
using DeepSeek.Observe.Alerting.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DeepSeek.Observe.Alerting.Tests.Delivery;

/// <summary>
/// The delivery services as the host registers them (<see cref="DeliveryExtensions.AddNotificationDelivery"/>), on a
/// fake clock, over a directory that outlives the instance so a test can "restart" on it.
/// </summary>
public sealed class DeliveryFixture : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DeliveryFixture(ServiceProvider services, TimeProvider time)
    {
        _services = services;
        Time = time;
    }

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    internal DurableNotificationOutbox Outbox => _services.GetRequiredService<DurableNotificationOutbox>();

    internal WebhookDeliveryWorker Worker => _services.GetServices<IHostedService>().OfType<WebhookDeliveryWorker>().Single();

    internal DeliveryInstrumentation Metrics => _services.GetRequiredService<DeliveryInstrumentation>();

    public IServiceProvider Services => _services;

    public static DeliveryFixture Create(string directory, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = directory,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var clock = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock)
            .AddNotificationDelivery(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new DeliveryFixture(services, clock);
    }

    public static Notification Notification(Uri url, string key, string alertname = "GpuTemperatureHigh", string status = "firing", string group = "{}:{alertname=\"GpuTemperatureHigh\"}")
    {
        var labels = new Dictionary<string, string> { ["severity"] = "L1", ["alertname"] = alertname, ["Hostname"] = "node-07", ["gpu"] = "3" };
        var annotations = new Dictionary<string, string> { ["summary"] = "GPU 3 on node-07 at 91 °C" };
        var startsAt = new DateTimeOffset(2026, 3, 1, 11, 58, 0, 250, TimeSpan.Zero);
        var alert = new WebhookAlert(status, labels, annotations, startsAt, status == "firing" ? DateTimeOffset.MinValue : startsAt.AddMinutes(5), "http://observe:9470/graph?g0.expr=x", "a1b2c3d4e5f60718");
        var message = new WebhookMessage(
            "oncall", status, [alert], new Dictionary<string, string> { ["alertname"] = alertname }, labels, annotations,
            "http://observe:9470", WebhookMessage.CurrentVersion, group, 0);
        return new Notification(key, "oncall", new WebhookEndpoint(url, SendResolved: true, MaxAlerts: 0), message, startsAt);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
