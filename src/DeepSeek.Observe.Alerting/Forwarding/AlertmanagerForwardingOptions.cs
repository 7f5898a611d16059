using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Alerting.Forwarding;

/// <summary>
/// Forwarding of evaluated alerts to real Alertmanagers, as Prometheus's notifier does, bound from the
/// <c>Alerting</c> section. The queue and batch sizes are Prometheus's defaults (10 000 and 64).
/// </summary>
public sealed class AlertmanagerForwardingOptions
{
    /// <summary>Alertmanager base URLs (<c>serve --alertmanager URL</c>, repeatable); alerts go to each one's <c>/api/v2/alerts</c>.</summary>
    public IList<Uri> AlertmanagerUrls { get; } = [];

    /// <summary>Alerts waiting to be forwarded; past it the oldest are dropped and counted, so the evaluator never waits.</summary>
    [Range(1, 1_000_000)]
    public int AlertmanagerQueueCapacity { get; set; } = 10_000;

    /// <summary>Alerts per request.</summary>
    [Range(1, 10_000)]
    public int AlertmanagerBatchSize { get; set; } = 64;

    /// <summary>How long one request may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AlertmanagerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Attempts per batch and Alertmanager. Few, because a firing alert is re-sent at every evaluation anyway: a
    /// batch that still fails is dropped (and counted) rather than hold up newer state.
    /// </summary>
    [Range(1, 10)]
    public int AlertmanagerMaxAttempts { get; set; } = 3;
}
