using DeepSeek.Observe.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace DeepSeek.Observe.Host.Api;

/// <summary>
/// Prometheus's management endpoints: <c>/-/healthy</c> says the process is up (liveness), <c>/-/ready</c> says the
/// store and the bus can take work (readiness) and, when they cannot, why.
/// </summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/-/healthy", ["GET", "HEAD"], () => Results.Text("DeepSeek.Observe is Healthy.\n"))
            .WithName("Healthy")
            .WithSummary("Liveness: 200 while the process is up.")
            .WithTags("Management");

        endpoints.MapHealthChecks("/-/ready", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(StorageServiceCollectionExtensions.ReadyTag),
            ResponseWriter = ReadinessResponse.WriteAsync,
        })
            .WithName("Ready")
            .WithSummary("Readiness: 200 when the store and the bus are reachable, 503 with the reason otherwise.")
            .WithTags("Management");

        return endpoints;
    }
}
