using System.Net;
using DeepSeek.Observe.Scrape.Internal.Api;
using DeepSeek.Observe.Scrape.Internal.Scraping;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Scrape;

/// <summary>
/// Registers the scraper and maps <c>/api/v1/targets</c>. It writes through <see cref="Core.Series.ISampleAppender"/>
/// and reads the clock from <see cref="TimeProvider"/>, both of which the host provides.
/// </summary>
public static class ScrapeExtensions
{
    public static IServiceCollection AddScrape(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ScrapeOptions>().Bind(configuration.GetSection(ScrapeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScrapeOptions>, ScrapeOptionsValidator>());
        services.AddHttpClient(ScrapeHttp.ClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // The scraper asks for gzip and inflates it itself, so the body limit applies to what is parsed.
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // One line per scrape at Information would drown the log; failures are logged by the scraper.
            .RemoveAllLoggers();
        services.TryAddSingleton<ScrapeInstrumentation>();
        services.TryAddSingleton<ScrapeTargets>();
        services.AddHostedService<ScrapeManager>();
        return services;
    }

    public static IEndpointRouteBuilder MapScrapeApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/targets", TargetsApi.Handle)
            .WithName("Targets")
            .WithSummary("Scrape targets and their health, in Prometheus's JSON shape.")
            .WithTags("Scrape");
        return endpoints;
    }
}
