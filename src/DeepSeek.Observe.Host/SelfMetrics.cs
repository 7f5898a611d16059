using Prometheus;

namespace DeepSeek.Observe.Host;

/// <summary>
/// What <c>/metrics</c> exports about the platform itself: prometheus-net's process and runtime metrics, HTTP
/// metrics, and each component's own prometheus-net metrics. The registry is process-wide, so this is configured once.
/// </summary>
/// <remarks>
/// The .NET Meter and EventCounter adapters stay off: the meters of our dependencies publish names that
/// <c>promtool check metrics</c> rejects (Npgsql's gauge <c>db.client.connection.count</c> becomes
/// <c>npgsql_db_client_connection_count</c>, a non-histogram ending in <c>_count</c>), and /metrics must always lint clean.
/// </remarks>
internal static class SelfMetrics
{
    private static readonly Lazy<bool> s_configured = new(() =>
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true });
        return true;
    });

    /// <summary>Applies the configuration; safe to call many times (each test host calls it).</summary>
    public static void EnsureConfigured() => _ = s_configured.Value;
}
