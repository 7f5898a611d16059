using DeepSeek.Observe.Ingest.Internal;
using DeepSeek.Observe.Ingest.Loki;
using DeepSeek.Observe.Ingest.Otlp;
using DeepSeek.Observe.Ingest.RemoteWrite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeepSeek.Observe.Ingest;

/// <summary>
/// Registers and maps the receivers. They write through <see cref="Core.Series.ISampleAppender"/> and
/// <see cref="Core.Logs.ILogAppender"/>, which the host provides.
/// </summary>
public static class IngestExtensions
{
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IngestInstrumentation>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LabelSetCache(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestOptions>>().Value.LabelCacheSize));
        return services;
    }

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/write", RemoteWriteEndpoint.HandleAsync)
            .WithName("RemoteWrite")
            .WithSummary("Prometheus remote_write 1.0 receiver (snappy-compressed protobuf WriteRequest).")
            .WithTags("Ingest")
            .DisableAntiforgery();
        endpoints.MapPost("/api/v1/read", RemoteRead.RemoteReadEndpoint.HandleAsync)
            .WithName("RemoteRead")
            .WithSummary("Prometheus remote read (snappy-compressed protobuf ReadRequest; SAMPLES responses).")
            .WithTags("Query")
            .DisableAntiforgery();
        endpoints.MapPost("/v1/metrics", OtlpMetricsEndpoint.HandleAsync)
            .WithName("OtlpMetrics")
            .WithSummary("OTLP/HTTP metrics receiver (protobuf or JSON, gzip accepted).")
            .WithTags("Ingest")
            .DisableAntiforgery();
        endpoints.MapPost("/v1/logs", OtlpLogsEndpoint.HandleAsync)
            .WithName("OtlpLogs")
            .WithSummary("OTLP/HTTP logs receiver (protobuf or JSON, gzip accepted).")
            .WithTags("Ingest")
            .DisableAntiforgery();
        endpoints.MapPost("/loki/api/v1/push", LokiPushEndpoint.HandleAsync)
            .WithName("LokiPush")
            .WithSummary("Loki push API receiver (JSON, or snappy-compressed protobuf PushRequest).")
            .WithTags("Ingest")
            .DisableAntiforgery();
        return endpoints;
    }
}
