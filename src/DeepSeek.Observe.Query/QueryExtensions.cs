using DeepSeek.Observe.Core.Query;
using DeepSeek.Observe.Query.Api;
using DeepSeek.Observe.Query.Promql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeepSeek.Observe.Query;

/// <summary>
/// Registers and maps the Prometheus-compatible read API and the logs API; they read through
/// <see cref="Core.Series.ISeriesQuerier"/>, <see cref="Core.Series.IMetadataStore"/> and <see cref="Core.Logs.ILogQuerier"/>.
/// </summary>
public static class QueryExtensions
{
    public static IServiceCollection AddQuery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<QueryOptions>().Bind(configuration.GetSection(QueryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        // Rule evaluation and other in-process consumers run PromQL through this, never the query API.
        services.TryAddSingleton<IPromqlEvaluator, PromqlEvaluator>();
        return services;
    }

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints) => endpoints.MapSeriesApi().MapMetadataApi().MapPromqlQueryApi().MapEntitiesApi().MapLogsApi();
}
