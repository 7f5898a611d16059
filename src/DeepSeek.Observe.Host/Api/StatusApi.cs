namespace DeepSeek.Observe.Host.Api;

/// <summary>Prometheus's <c>/api/v1/status/*</c> endpoints that Grafana's data source calls.</summary>
internal static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/status/buildinfo", () => TypedResults.Json(new ApiSuccess<BuildInfo>(BuildInfo.Current), ApiJson.Options))
            .WithName("BuildInfo")
            .WithSummary("Build information in Prometheus's JSON shape.")
            .WithTags("Status");
        return endpoints;
    }
}
