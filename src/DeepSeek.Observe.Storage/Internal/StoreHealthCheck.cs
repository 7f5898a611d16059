using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeepSeek.Observe.Storage.Internal;

/// <summary>Readiness of one store, reported with its reason.</summary>
internal sealed class StoreHealthCheck<TStore>(TStore store) : IHealthCheck
    where TStore : IStore
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await store.ProbeAsync(cancellationToken);
        return status.IsReachable
            ? HealthCheckResult.Healthy(status.Description)
            : HealthCheckResult.Unhealthy(status.Description);
    }
}
