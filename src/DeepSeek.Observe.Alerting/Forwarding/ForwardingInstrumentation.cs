using Prometheus;

namespace DeepSeek.Observe.Alerting.Forwarding;

/// <summary>Self-metrics of Alertmanager forwarding, named after Prometheus's own notifier metrics.</summary>
internal sealed class ForwardingInstrumentation
{
    public Counter Sent { get; } = Metrics.CreateCounter(
        "observe_alerting_alertmanager_alerts_sent_total", "Alerts an Alertmanager accepted, by Alertmanager.", "alertmanager");

    public Counter Errors { get; } = Metrics.CreateCounter(
        "observe_alerting_alertmanager_errors_total", "Batches of alerts an Alertmanager did not accept after every attempt, by Alertmanager.", "alertmanager");

    public Counter Dropped { get; } = Metrics.CreateCounter(
        "observe_alerting_alertmanager_alerts_dropped_total", "Alerts dropped because the forwarding queue was full.");

    public Gauge QueueLength { get; } = Metrics.CreateGauge(
        "observe_alerting_alertmanager_queue_length", "Alerts waiting to be forwarded.");
}
