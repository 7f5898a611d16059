using System.Diagnostics.Metrics;

namespace DeepSeek.Observe.Ingest.Internal;

/// <summary>The receivers' self-metrics: what arrived and what was refused, per receiver and reason.</summary>
internal sealed class IngestInstrumentation
{
    public const string MeterName = "DeepSeek.Observe.Ingest";

    public IngestInstrumentation(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        SamplesReceived = meter.CreateCounter<long>("samples.received", "{sample}", "Samples acknowledged, per receiver.");
        RequestsRejected = meter.CreateCounter<long>(
            "requests.rejected", "{request}", "Requests refused, per receiver and HTTP status.");
    }

    public Counter<long> SamplesReceived { get; }

    public Counter<long> RequestsRejected { get; }
}
