using System.Buffers;
using System.Globalization;
using System.Text.Json;
using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Otlp;

/// <summary>
/// Encodes lines as an OTLP <c>ExportLogsServiceRequest</c> in the OTLP/JSON encoding
/// (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding): lower camel-case field names, 64-bit integers
/// as decimal strings, enums as numbers. One <c>ResourceLogs</c> per resource, in order of first appearance, each
/// with its lines in the order given.
/// </summary>
public static class OtlpLogsJsonWriter
{
    public const string ScopeName = "deepseek-observe-simulator";

    public static byte[] Write(IReadOnlyList<SimulatedLog> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var groups = new Dictionary<(LogSource, FleetNode, FleetPod?, string?), List<SimulatedLog>>();
        var order = new List<List<SimulatedLog>>();
        foreach (var line in lines)
        {
            var key = OtlpLogResource.Key(line);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                order.Add(group);
            }

            group.Add(line);
        }

        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, lines.Count));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceLogs");
            foreach (var group in order)
            {
                WriteResourceLogs(json, group);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>OTLP's severity number for a level: the first of its range (DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21).</summary>
    public static int SeverityNumber(LogSeverity level) => level switch
    {
        LogSeverity.Debug => 5,
        LogSeverity.Info => 9,
        LogSeverity.Warn => 13,
        LogSeverity.Error => 17,
        LogSeverity.Fatal => 21,
        _ => 0,
    };

    /// <summary>OTLP's short severity name for a level (the spec's SeverityText for the range's first number).</summary>
    public static string SeverityText(LogSeverity level) => level switch
    {
        LogSeverity.Debug => "DEBUG",
        LogSeverity.Info => "INFO",
        LogSeverity.Warn => "WARN",
        LogSeverity.Error => "ERROR",
        LogSeverity.Fatal => "FATAL",
        _ => string.Empty,
    };

    private static void WriteResourceLogs(Utf8JsonWriter json, List<SimulatedLog> lines)
    {
        json.WriteStartObject();
        json.WriteStartObject("resource");
        WriteAttributes(json, OtlpLogResource.Of(lines[0]).Attributes);
        json.WriteEndObject();
        json.WriteStartArray("scopeLogs");
        json.WriteStartObject();
        json.WriteStartObject("scope");
        json.WriteString("name", ScopeName);
        json.WriteEndObject();
        json.WriteStartArray("logRecords");
        foreach (var line in lines)
        {
            var nanos = (line.TimestampMs * 1_000_000).ToString(CultureInfo.InvariantCulture);
            json.WriteStartObject();
            json.WriteString("timeUnixNano", nanos);
            json.WriteString("observedTimeUnixNano", nanos);
            json.WriteNumber("severityNumber", SeverityNumber(line.Level));
            json.WriteString("severityText", SeverityText(line.Level));
            json.WriteStartObject("body");
            json.WriteString("stringValue", line.Body);
            json.WriteEndObject();
            WriteAttributes(json, [KeyValuePair.Create("log.source", Source(line.Source))]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        json.WriteStartArray("attributes");
        foreach (var (key, value) in attributes)
        {
            json.WriteStartObject();
            json.WriteString("key", key);
            json.WriteStartObject("value");
            json.WriteString("stringValue", value);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Source(LogSource source) => source switch
    {
        LogSource.Kernel => "kernel",
        LogSource.Kubernetes => "kubernetes",
        _ => "container",
    };
}
