namespace DeepSeek.Observe.Core.Series;

/// <summary>
/// A metric family's type. The numbers are remote_write 1.0's <c>MetricMetadata.MetricType</c> enum, so the receiver
/// maps the wire value directly; <see cref="MetricTypes.Name"/> gives the lower-case name Prometheus's API returns.
/// </summary>
public enum MetricType
{
    Unknown = 0,
    Counter = 1,
    Gauge = 2,
    Histogram = 3,
    GaugeHistogram = 4,
    Summary = 5,
    Info = 6,
    StateSet = 7,
}
