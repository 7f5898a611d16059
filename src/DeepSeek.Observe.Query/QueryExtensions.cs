using DeepSeek.Observe.Query.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DeepSeek.Observe.Query;

/// <summary>Registers and maps the Prometheus-compatible read API; it reads through <see cref="Core.Series.ISeriesQuerier"/>.</summary>
public static class QueryExtensions
{
    public static IServiceCollection AddQuery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QueryOptions>().Bind(configuration.GetSection(QueryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints) => endpoints.MapSeriesApi().MapEntitiesApi();
}
