using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Ingest.Internal;
using DeepSeek.Observe.Ingest.Protocol.Otlp;

namespace DeepSeek.Observe.Ingest.Otlp;

/// <summary>
/// Maps OTLP logs to Loki-style streams. Stream labels come from the resource, as for metrics: <c>job</c> from
/// <c>service.namespace/service.name</c> (<c>unknown_service</c>, the SDKs' default, when absent), <c>instance</c>
/// from <c>service.instance.id</c>, and the Kubernetes and host attributes the topology knows (<c>k8s.pod.name</c> →
/// <c>pod</c>, …), plus <c>level</c> from the severity. Everything else — the record's attributes and the other
/// resource attributes — is structured metadata of each line, with Prometheus-style names, so per-line values never
/// multiply streams. A non-string body is written as JSON. Records with neither body nor event name are rejected and
/// counted, as OTLP's partial success expects.
/// </summary>
public static class OtlpLogsTranslator
{
    /// <summary>Resource attributes that become stream labels (the labels <see cref="Core.Topology.EntityResolver"/> reads).</summary>
    private static readonly (string Attribute, string Label)[] s_streamAttributes =
    [
        ("k8s.cluster.name", "cluster"),
        ("k8s.namespace.name", "namespace"),
        ("k8s.pod.name", "pod"),
        ("k8s.container.name", "container"),
        ("k8s.deployment.name", "deployment"),
        ("k8s.node.name", "node"),
        ("host.name", "node"),
    ];

    private static readonly HashSet<string> s_consumedResourceKeys =
        ["service.name", "service.namespace", "service.instance.id", .. s_streamAttributes.Select(a => a.Attribute)];

    /// <summary>Translates a request; <paramref name="nowNs"/> stamps records that carry no time at all.</summary>
    public static OtlpLogsTranslation Translate(ExportLogsServiceRequest request, IngestOptions options, long nowNs)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var batch = new LogBatchBuilder(options);
        var rejected = 0L;
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = resourceLogs.Resource?.Attributes ?? [];
            var stream = StreamLabels(resource);
            var resourceMetadata = resource.Where(a => !s_consumedResourceKeys.Contains(a.Key)).ToList();
            foreach (var record in resourceLogs.ScopeLogs.SelectMany(s => s.LogRecords))
            {
                if (record.Body is null && string.IsNullOrEmpty(record.EventName))
                {
                    rejected++;
                    continue;
                }

                var labels = new List<KeyValuePair<string, string>>(stream);
                if (Level(record) is { } level)
                {
                    labels.Add(KeyValuePair.Create("level", level));
                }

                var line = record.Body is null ? record.EventName
                    : record.Body.ValueCase == AnyValue.ValueOneofCase.StringValue ? record.Body.StringValue
                    : OtlpAnyValueJson.Format(record.Body);
                var timestamp = record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
                var entry = new LogEntry(timestamp is 0 or > long.MaxValue ? nowNs : (long)timestamp, line, Metadata(record, resourceMetadata));
                batch.Add(SeriesValidator.ToStreamLabels(labels, options), entry);
            }
        }

        return new OtlpLogsTranslation(batch.Build(), rejected, rejected > 0 ? "log records with neither a body nor an event name cannot be stored" : null);
    }

    /// <summary>
    /// Loki's level names from the OTLP severity: the number's range when set (1–4 trace … 21–24 fatal), else the text
    /// in lower case with the usual spellings folded (Information → info, Warning → warn, Critical → fatal).
    /// </summary>
    public static string? Level(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var number = (int)record.SeverityNumber;
        if (number is >= 1 and <= 24)
        {
            return ((number - 1) / 4) switch { 0 => "trace", 1 => "debug", 2 => "info", 3 => "warn", 4 => "error", _ => "fatal" };
        }

        var text = record.SeverityText.Trim().ToLowerInvariant();
        return text switch
        {
            "" => null,
            "information" => "info",
            "warning" => "warn",
            "err" => "error",
            "critical" or "crit" => "fatal",
            _ => text,
        };
    }

    private static List<KeyValuePair<string, string>> StreamLabels(IEnumerable<KeyValue> resource)
    {
        var labels = OtlpMetricsTranslator.TargetLabels(resource);
        if (!labels.Exists(l => l.Key == "job"))
        {
            labels.Add(KeyValuePair.Create("job", "unknown_service"));
        }

        foreach (var (attribute, label) in s_streamAttributes)
        {
            // The first attribute naming a label wins (k8s.node.name before host.name).
            if (!labels.Exists(l => l.Key == label) && resource.FirstOrDefault(a => a.Key == attribute) is { } found)
            {
                labels.Add(KeyValuePair.Create(label, OtlpMetricsTranslator.Text(found.Value)));
            }
        }

        return labels;
    }

    /// <summary>The record's attributes over the resource's unconsumed ones, with Prometheus-style names (first key wins a clash).</summary>
    private static LabelSet Metadata(LogRecord record, List<KeyValue> resourceMetadata)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in record.Attributes.Concat(resourceMetadata))
        {
            pairs.TryAdd(OtlpNames.LabelName(attribute.Key), OtlpMetricsTranslator.Text(attribute.Value));
        }

        if (!string.IsNullOrEmpty(record.EventName) && record.Body is not null)
        {
            pairs.TryAdd("event_name", record.EventName);
        }

        pairs.Remove(LabelNames.MetricName);
        return LogBatchBuilder.Metadata([.. pairs]);
    }
}
