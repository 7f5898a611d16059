using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Internal;
using DeepSeek.Observe.Ingest.Protocol.Otlp;
using Google.Protobuf.Collections;

namespace DeepSeek.Observe.Ingest.Otlp;

/// <summary>
/// Maps OTLP metrics to Prometheus series, following the OpenTelemetry → Prometheus compatibility rules: gauges stay
/// gauges; monotonic cumulative sums become <c>_total</c> counters; explicit-bucket histograms become cumulative
/// <c>_bucket{le}</c>, <c>_sum</c> and <c>_count</c>; summaries become <c>{quantile}</c>, <c>_sum</c>, <c>_count</c>;
/// the resource's <c>service.namespace/service.name</c> becomes <c>job</c>, <c>service.instance.id</c> becomes
/// <c>instance</c>, and the other resource attributes go on a <c>target_info</c> series. What Prometheus cannot
/// represent (delta temporality, exponential histograms, points without a value) is rejected and counted, as OTLP's
/// partial success expects.
/// </summary>
public static class OtlpMetricsTranslator
{
    private const uint NoRecordedValue = 1;
    private static readonly HashSet<string> s_identifyingResourceKeys = ["service.name", "service.namespace", "service.instance.id"];

    public static OtlpMetricsTranslation Translate(ExportMetricsServiceRequest request, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var series = new Dictionary<LabelSet, List<Sample>>();
        var rejected = 0L;
        var reasons = new SortedSet<string>(StringComparer.Ordinal);

        // Every resource repeats the same metrics; a set keeps each family's metadata once per request.
        var metadata = new HashSet<MetricMetadata>();

        void Add(IReadOnlyList<KeyValuePair<string, string>> labels, long timestampMs, double value)
        {
            var set = SeriesValidator.ToLabelSet(labels, options);
            if (!series.TryGetValue(set, out var samples))
            {
                series[set] = samples = [];
            }

            samples.Add(new Sample(timestampMs, value));
        }

        void Reject(int count, string reason)
        {
            rejected += count;
            reasons.Add(reason);
        }

        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = resourceMetrics.Resource?.Attributes ?? [];
            var target = TargetLabels(resource);
            var latest = long.MinValue;
            foreach (var scope in resourceMetrics.ScopeMetrics)
            {
                foreach (var metric in scope.Metrics)
                {
                    latest = Math.Max(latest, Translate(metric, target, Add, Reject));
                    if (OtlpMetricsMetadata.Of(metric) is { } entry)
                    {
                        metadata.Add(entry);
                    }
                }
            }

            var info = resource.Where(a => !s_identifyingResourceKeys.Contains(a.Key)).ToList();
            if (info.Count > 0 && latest != long.MinValue)
            {
                Add(Labels("target_info", target, info, []), latest, 1);
            }
        }

        var batch = series
            .Select(s => new SeriesSamples(s.Key, [.. s.Value.OrderBy(p => p.TimestampMs).DistinctBy(p => p.TimestampMs)]))
            .ToList();
        return new OtlpMetricsTranslation(batch, rejected, reasons.Count == 0 ? null : string.Join("; ", reasons)) { Metadata = [.. metadata] };
    }

    /// <summary>Maps one metric; returns the latest timestamp it contributed (for target_info).</summary>
    private static long Translate(
        Metric metric, List<KeyValuePair<string, string>> target, Action<IReadOnlyList<KeyValuePair<string, string>>, long, double> add, Action<int, string> reject)
    {
        var latest = long.MinValue;
        if (string.IsNullOrEmpty(metric.Name))
        {
            reject(Math.Max(1, PointCount(metric)), "a metric has no name");
            return latest;
        }

        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                latest = Numbers(OtlpNames.MetricName(metric.Name, metric.Unit, isGauge: true, isMonotonicSum: false), metric.Gauge.DataPoints, target, add, reject);
                break;
            case Metric.DataOneofCase.Sum when metric.Sum.AggregationTemporality != AggregationTemporality.Cumulative:
                reject(metric.Sum.DataPoints.Count, $"{metric.Name}: delta sums cannot be stored as Prometheus series");
                break;
            case Metric.DataOneofCase.Sum:
                var monotonic = metric.Sum.IsMonotonic;
                latest = Numbers(OtlpNames.MetricName(metric.Name, metric.Unit, isGauge: !monotonic, isMonotonicSum: monotonic), metric.Sum.DataPoints, target, add, reject);
                break;
            case Metric.DataOneofCase.Histogram when metric.Histogram.AggregationTemporality != AggregationTemporality.Cumulative:
                reject(metric.Histogram.DataPoints.Count, $"{metric.Name}: delta histograms cannot be stored as Prometheus series");
                break;
            case Metric.DataOneofCase.Histogram:
                var histogram = OtlpNames.MetricName(metric.Name, metric.Unit, isGauge: false, isMonotonicSum: false);
                foreach (var point in metric.Histogram.DataPoints)
                {
                    if (!IsWellFormed(point))
                    {
                        reject(1, $"{metric.Name}: histogram bounds must increase and there must be one more bucket count than bounds");
                        continue;
                    }

                    var at = Milliseconds(point.TimeUnixNano);
                    latest = Math.Max(latest, at);
                    var stale = (point.Flags & NoRecordedValue) != 0;
                    double cumulative = 0;
                    for (var i = 0; i < point.BucketCounts.Count; i++)
                    {
                        cumulative += point.BucketCounts[i];
                        var le = i < point.ExplicitBounds.Count ? OtlpNames.FormatFloat(point.ExplicitBounds[i]) : "+Inf";
                        add(Labels(histogram + "_bucket", target, point.Attributes, [KeyValuePair.Create("le", le)]), at, stale ? Sample.StaleNaN : cumulative);
                    }

                    if (point.HasSum)
                    {
                        add(Labels(histogram + "_sum", target, point.Attributes, []), at, stale ? Sample.StaleNaN : point.Sum);
                    }

                    add(Labels(histogram + "_count", target, point.Attributes, []), at, stale ? Sample.StaleNaN : point.Count);
                }

                break;
            case Metric.DataOneofCase.Summary:
                var summary = OtlpNames.MetricName(metric.Name, metric.Unit, isGauge: false, isMonotonicSum: false);
                foreach (var point in metric.Summary.DataPoints)
                {
                    var at = Milliseconds(point.TimeUnixNano);
                    latest = Math.Max(latest, at);
                    var stale = (point.Flags & NoRecordedValue) != 0;
                    foreach (var quantile in point.QuantileValues)
                    {
                        add(Labels(summary, target, point.Attributes, [KeyValuePair.Create("quantile", OtlpNames.FormatFloat(quantile.Quantile))]), at, stale ? Sample.StaleNaN : quantile.Value);
                    }

                    add(Labels(summary + "_sum", target, point.Attributes, []), at, stale ? Sample.StaleNaN : point.Sum);
                    add(Labels(summary + "_count", target, point.Attributes, []), at, stale ? Sample.StaleNaN : point.Count);
                }

                break;
            case Metric.DataOneofCase.ExponentialHistogram:
                reject(metric.ExponentialHistogram.DataPoints.Count, $"{metric.Name}: exponential histograms are not supported yet");
                break;
            default:
                reject(1, $"{metric.Name}: metric has no data");
                break;
        }

        return latest;
    }

    private static bool IsWellFormed(HistogramDataPoint point)
    {
        if (point.BucketCounts.Count != 0 && point.BucketCounts.Count != point.ExplicitBounds.Count + 1)
        {
            return false;
        }

        for (var i = 1; i < point.ExplicitBounds.Count; i++)
        {
            if (!(point.ExplicitBounds[i] > point.ExplicitBounds[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static int PointCount(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Count,
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Count,
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Count,
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Count,
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Count,
        _ => 0,
    };

    private static long Numbers(
        string name, RepeatedField<NumberDataPoint> points, List<KeyValuePair<string, string>> target,
        Action<IReadOnlyList<KeyValuePair<string, string>>, long, double> add, Action<int, string> reject)
    {
        var latest = long.MinValue;
        foreach (var point in points)
        {
            double value;
            if ((point.Flags & NoRecordedValue) != 0)
            {
                value = Sample.StaleNaN;
            }
            else if (point.ValueCase == NumberDataPoint.ValueOneofCase.AsDouble)
            {
                value = point.AsDouble;
            }
            else if (point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt)
            {
                value = point.AsInt;
            }
            else
            {
                reject(1, $"{name}: data point has no value");
                continue;
            }

            var at = Milliseconds(point.TimeUnixNano);
            latest = Math.Max(latest, at);
            add(Labels(name, target, point.Attributes, []), at, value);
        }

        return latest;
    }

    /// <summary>
    /// Labels of one series: the metric name, the resource's job/instance, the point's attributes (sanitised;
    /// attributes that sanitise to one name have their values joined with ';', ordered by original key) and extras.
    /// </summary>
    private static List<KeyValuePair<string, string>> Labels(
        string name, List<KeyValuePair<string, string>> target, IEnumerable<KeyValue> attributes, KeyValuePair<string, string>[] extra)
    {
        var merged = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            var label = OtlpNames.LabelName(attribute.Key);
            if (!merged.TryGetValue(label, out var values))
            {
                merged[label] = values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            }

            values[attribute.Key] = Text(attribute.Value);
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, values) in merged)
        {
            labels[label] = string.Join(";", values.Values);
        }

        // Identity from the resource and the metric itself wins over a data point attribute of the same name.
        foreach (var (key, value) in target.Concat(extra))
        {
            labels[key] = value;
        }

        labels[LabelNames.MetricName] = name;
        return [.. labels];
    }

    /// <summary>The resource's <c>job</c> (service.namespace/service.name) and <c>instance</c> (service.instance.id) labels; logs use them too.</summary>
    internal static List<KeyValuePair<string, string>> TargetLabels(IEnumerable<KeyValue> resource)
    {
        string? Get(string key) => resource.FirstOrDefault(a => a.Key == key)?.Value is { } value ? Text(value) : null;
        var service = Get("service.name");
        var serviceNamespace = Get("service.namespace");
        var instance = Get("service.instance.id");
        var labels = new List<KeyValuePair<string, string>>();
        if (service is not null)
        {
            labels.Add(KeyValuePair.Create("job", serviceNamespace is null ? service : $"{serviceNamespace}/{service}"));
        }

        if (instance is not null)
        {
            labels.Add(KeyValuePair.Create("instance", instance));
        }

        return labels;
    }

    /// <summary>An attribute value as label text.</summary>
    public static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(",", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(",", value.KvlistValue.Values.Select(kv => $"{kv.Key}:{Text(kv.Value)}")) + "}",
        _ => string.Empty,
    };

    private static long Milliseconds(ulong unixNanos) => (long)(unixNanos / 1_000_000);
}
