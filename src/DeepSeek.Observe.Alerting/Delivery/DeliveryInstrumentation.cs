using Prometheus;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// Self-metrics of the outbox and webhook delivery on /metrics. prometheus-net's registry is process-wide, so every
/// instance in a process (tests start several) adds to the same series.
/// </summary>
internal sealed class DeliveryInstrumentation
{
    public Counter Enqueued { get; } = Metrics.CreateCounter(
        "observe_alerting_notifications_enqueued_total", "Notifications made durable in the outbox.");

    public Counter Duplicates { get; } = Metrics.CreateCounter(
        "observe_alerting_notifications_duplicate_total", "Notifications not enqueued because their idempotency key was already pending, dead-lettered or recently delivered.");

    public Counter Rejected { get; } = Metrics.CreateCounter(
        "observe_alerting_notifications_rejected_total", "Notifications refused because the outbox was full.");

    public Counter Attempts { get; } = Metrics.CreateCounter(
        "observe_alerting_notification_attempts_total", "Webhook delivery attempts, by outcome (success, failure).", "outcome");

    public Counter Delivered { get; } = Metrics.CreateCounter(
        "observe_alerting_notifications_delivered_total", "Notifications a receiver acknowledged with 2xx.");

    public Counter DeadLettered { get; } = Metrics.CreateCounter(
        "observe_alerting_notifications_dead_lettered_total", "Notifications that failed every attempt and were kept as dead letters.");

    public Counter CorruptFiles { get; } = Metrics.CreateCounter(
        "observe_alerting_outbox_corrupt_files_total", "Outbox files found unreadable at start-up and moved to corrupt/.");

    public Gauge Pending { get; } = Metrics.CreateGauge(
        "observe_alerting_outbox_pending", "Notifications waiting for delivery.");

    public Gauge DeadLetters { get; } = Metrics.CreateGauge(
        "observe_alerting_outbox_dead_letters", "Dead letters kept in the outbox.");

    public Histogram AttemptDuration { get; } = Metrics.CreateHistogram(
        "observe_alerting_notification_attempt_duration_seconds", "Time of one webhook request, failures included.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 15) });
}
