using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeepSeek.Observe.Storage.Internal;

/// <summary>Readiness of the store, reported with its reason.</summary>
internal sealed class StoreHealthCheck(IStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await store.ProbeAsync(cancellationToken);
        return status.IsReachable
            ? HealthCheckResult.Healthy(status.Description)
            : HealthCheckResult.Unhealthy(status.Description);
    }
}
