using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Protocol.Otlp;

namespace DeepSeek.Observe.Ingest.Otlp;

/// <summary>
/// The Prometheus metadata of an OTLP metric: its family name as <see cref="OtlpMetricsTranslator"/> names it,
/// description → help, unit in Prometheus's words, and the type its points become (monotonic sum → counter,
/// non-monotonic sum and gauge → gauge, histogram, summary).
/// </summary>
internal static class OtlpMetricsMetadata
{
    /// <summary>Null for what is not stored as Prometheus series (no name, delta temporality, exponential histograms).</summary>
    public static MetricMetadata? Of(Metric metric)
    {
        if (string.IsNullOrEmpty(metric.Name))
        {
            return null;
        }

        var (type, isGauge) = metric.DataCase switch
        {
            Metric.DataOneofCase.Gauge => (MetricType.Gauge, true),
            Metric.DataOneofCase.Sum when metric.Sum.AggregationTemporality == AggregationTemporality.Cumulative =>
                metric.Sum.IsMonotonic ? (MetricType.Counter, false) : (MetricType.Gauge, true),
            Metric.DataOneofCase.Histogram when metric.Histogram.AggregationTemporality == AggregationTemporality.Cumulative => (MetricType.Histogram, false),
            Metric.DataOneofCase.Summary => (MetricType.Summary, false),
            _ => (MetricType.Unknown, false),
        };
        if (type == MetricType.Unknown)
        {
            return null;
        }

        var name = OtlpNames.MetricName(metric.Name, metric.Unit, isGauge, isMonotonicSum: type == MetricType.Counter);
        return new MetricMetadata(name, type, metric.Description ?? string.Empty, OtlpNames.PrometheusUnit(metric.Unit, isGauge));
    }
}
