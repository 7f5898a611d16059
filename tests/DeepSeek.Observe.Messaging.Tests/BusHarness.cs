using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DeepSeek.Observe.Messaging.Tests;

/// <summary>A host with the bus registered exactly as the platform does, plus a temporary test endpoint.</summary>
internal sealed class BusHarness : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly IHost _host;

    private BusHarness(IHost host) => _host = host;

    public IPublishEndpoint Publisher => _host.Services.GetRequiredService<IPublishEndpoint>();

    public static async Task<BusHarness> StartAsync(string? rabbitMq)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:RabbitMq"] = rabbitMq });
        builder.Services.AddHealthChecks();
        builder.Services.AddMessaging(builder.Configuration, bus => bus.AddConsumer<AnomalyCollector>().Endpoint(endpoint =>
        {
            // A queue of its own, deleted with the bus, so parallel and repeated runs never share or leak queues.
            endpoint.Name = $"test-anomalies-{Guid.NewGuid():N}";
            endpoint.Temporary = true;
        }));
        var host = builder.Build();
        await host.StartAsync().WaitAsync(s_timeout);
        return new BusHarness(host);
    }

    public Task<HealthReport> CheckHealthAsync() =>
        _host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(MessagingServiceCollectionExtensions.ReadyTag));

    /// <summary>Waits until the bus reports healthy (connected, endpoints bound) or the timeout passes.</summary>
    public async Task<HealthReport> WaitUntilHealthyAsync()
    {
        using var deadline = new CancellationTokenSource(s_timeout);
        while (true)
        {
            var report = await CheckHealthAsync();
            if (report.Status == HealthStatus.Healthy || deadline.IsCancellationRequested)
            {
                return report;
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().WaitAsync(s_timeout);
        _host.Dispose();
    }
}
