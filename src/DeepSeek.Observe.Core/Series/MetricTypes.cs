namespace DeepSeek.Observe.Core.Series;

/// <summary>The names of <see cref="MetricType"/> as exposition formats and Prometheus's metadata API write them.</summary>
public static class MetricTypes
{
    /// <summary>The lower-case name: <c>counter</c>, <c>gauge</c>, <c>histogram</c>, <c>gaugehistogram</c>, …</summary>
    public static string Name(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        MetricType.GaugeHistogram => "gaugehistogram",
        MetricType.Summary => "summary",
        MetricType.Info => "info",
        MetricType.StateSet => "stateset",
        _ => "unknown",
    };

    /// <summary>Whether <paramref name="value"/> is a type remote_write 1.0 defines (0–7).</summary>
    public static bool IsDefined(ulong value) => value <= (ulong)MetricType.StateSet;
}
