using DeepSeek.Observe.Alerting;
using DeepSeek.Observe.Host.Api;
using DeepSeek.Observe.Ingest;
using DeepSeek.Observe.Messaging;
using DeepSeek.Observe.Query;
using DeepSeek.Observe.Scrape;
using DeepSeek.Observe.Simulation.Demo;
using DeepSeek.Observe.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace DeepSeek.Observe.Host;

/// <summary>
/// The composition root: which components run and in what order requests meet them. <c>serve</c> and the tests'
/// WebApplicationFactory both build the platform through <see cref="CreateBuilder"/>, so tests exercise exactly what
/// ships.
/// </summary>
public static class ObserveHost
{
    /// <summary>A host builder for the platform; <c>serve</c> adds Kestrel on <see cref="ServeSettings.Urls"/>.</summary>
    public static IHostBuilder CreateBuilder(ServeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder()
            .ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings.ToConfiguration()))
            .ConfigureLogging(logging => logging
                .ClearProviders()
                .AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.UseUtcTimestamp = true;
                    console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                })
                // Per-request lines would drown what matters; /metrics has the request counts and latencies.
                .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
                // A failed start is reported by the CLI as one line with the reason; the host's own record of it
                // would add a stack trace for an operator error such as a port in use.
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical))
            .ConfigureWebHostDefaults(web => web
                .UseUrls([.. settings.Urls.Select(u => u.OriginalString)])
                .ConfigureServices((context, services) => services.AddObservePlatform(context.Configuration))
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseHttpMetrics();
                    app.UseEndpoints(endpoints => endpoints.MapObservePlatform());
                }));
    }

    /// <summary>Registers every component of the platform.</summary>
    public static IServiceCollection AddObservePlatform(this IServiceCollection services, IConfiguration configuration)
    {
        SelfMetrics.EnsureConfigured();
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorage(configuration);
        services.AddMessaging(configuration);
        services.AddIngest(configuration);
        services.AddQuery(configuration);
        services.AddScrape(configuration);
        services.AddAlerting(configuration);
        services.AddDemoFleet(configuration);
        return services;
    }

    /// <summary>Maps every component's endpoints.</summary>
    public static IEndpointRouteBuilder MapObservePlatform(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthApi();
        endpoints.MapStatusApi();
        endpoints.MapIngestApi();
        endpoints.MapQueryApi();
        endpoints.MapScrapeApi();
        endpoints.MapAlertingApi();
        endpoints.MapDemoApi();
        endpoints.MapMetrics("/metrics");
        return endpoints;
    }
}
