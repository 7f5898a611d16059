using Prometheus;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>The notification pipeline's self-metrics.</summary>
internal sealed class DispatchInstrumentation
{
    public Counter AlertsReceived { get; } = Metrics.CreateCounter(
        "observe_notification_alerts_received_total", "Alert reports accepted by the notification pipeline, per source.", "source");

    public Counter AlertsRefused { get; } = Metrics.CreateCounter(
        "observe_notification_alerts_refused_total", "Alert reports refused (nothing of the batch kept), per source and reason.", "source", "reason");

    public Gauge Alerts { get; } = Metrics.CreateGauge(
        "observe_notification_alerts", "Alerts held by the notification pipeline, resolved ones not yet forgotten included.");

    public Gauge Groups { get; } = Metrics.CreateGauge(
        "observe_notification_aggregation_groups", "Aggregation groups held by the dispatcher.");

    public Counter Notifications { get; } = Metrics.CreateCounter(
        "observe_notification_notifications_total", "Notifications handed to the delivery queue, per receiver.", "receiver");

    public Counter EnqueueFailures { get; } = Metrics.CreateCounter(
        "observe_notification_enqueue_failures_total", "Notifications the delivery queue did not take (retried at the next group interval), per receiver.", "receiver");
}
