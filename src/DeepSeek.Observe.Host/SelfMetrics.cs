using Prometheus;

namespace DeepSeek.Observe.Host;

/// <summary>
/// What <c>/metrics</c> exports about the platform itself. prometheus-net's registry is process-wide, so this is
/// configured once, before anything touches it.
/// </summary>
internal static class SelfMetrics
{
    // Meters worth exporting: ours, and the clients we depend on. The runtime's own System.Runtime meter is left out
    // because prometheus-net already exports the same figures, and its gauge names end in "_count", which
    // `promtool check metrics` rejects for non-histograms. Event counters are the legacy form of the same data.
    private static readonly string[] s_exportedMeterPrefixes = ["DeepSeek.Observe", "Npgsql", "MassTransit"];

    private static readonly Lazy<bool> s_configured = new(() =>
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true });
        Metrics.ConfigureMeterAdapter(options => options.InstrumentFilterPredicate = instrument =>
            Array.Exists(s_exportedMeterPrefixes, prefix => instrument.Meter.Name.StartsWith(prefix, StringComparison.Ordinal)));
        return true;
    });

    /// <summary>Applies the configuration; safe to call many times (each test host calls it).</summary>
    public static void EnsureConfigured() => _ = s_configured.Value;
}
