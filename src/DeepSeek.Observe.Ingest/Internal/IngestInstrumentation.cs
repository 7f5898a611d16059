using Prometheus;

namespace DeepSeek.Observe.Ingest.Internal;

/// <summary>The receivers' self-metrics: what arrived and what was refused, per receiver and status.</summary>
internal sealed class IngestInstrumentation
{
    public Counter SamplesReceived { get; } = Metrics.CreateCounter(
        "observe_ingest_samples_received_total", "Samples acknowledged, per receiver.", "receiver");

    public Counter LogLinesReceived { get; } = Metrics.CreateCounter(
        "observe_ingest_log_lines_received_total", "Log lines acknowledged, per receiver.", "receiver");

    public Counter LogLinesRejected { get; } = Metrics.CreateCounter(
        "observe_ingest_log_lines_rejected_total", "Log records dropped from accepted OTLP requests (reported as partial success), per receiver.", "receiver");

    public Counter RequestsRejected { get; } = Metrics.CreateCounter(
        "observe_ingest_requests_rejected_total", "Requests refused, per receiver and HTTP status code.", "receiver", "code");
}
