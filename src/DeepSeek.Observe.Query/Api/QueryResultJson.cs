using System.Text.Json;
using System.Text.Json.Serialization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Query.Promql;
using DeepSeek.Observe.Query.Promql.Engine;
using DeepSeek.Observe.Query.Promql.Functions;

namespace DeepSeek.Observe.Query.Api;

/// <summary>A point as Prometheus writes it: <c>[unix_seconds, "value"]</c>, the time a JSON number with millisecond digits.</summary>
[JsonConverter(typeof(PointJsonConverter))]
internal readonly record struct PointJson(long TimestampMs, string Value);

internal sealed class PointJsonConverter : JsonConverter<PointJson>
{
    public override PointJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("points are only written");

    public override void Write(Utf8JsonWriter writer, PointJson value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteRawValue(PrometheusFloat.FormatTimestamp(value.TimestampMs), skipInputValidation: true);
        writer.WriteStringValue(value.Value);
        writer.WriteEndArray();
    }
}

internal sealed record InstantSampleJson(LabelSet Metric, PointJson Value);

internal sealed record RangeSeriesJson(LabelSet Metric, IReadOnlyList<PointJson> Values);

internal sealed record QueryDataJson(string ResultType, object Result);

/// <summary>The <c>data</c> of a query response, in Prometheus's shapes for each result type.</summary>
internal static class QueryResultJson
{
    public static QueryDataJson From(PromqlValue value, long timeMs) => value.Type switch
    {
        PromqlValueType.Scalar => new("scalar", new PointJson(timeMs, PrometheusFloat.FormatJsonValue(value.Scalar))),
        PromqlValueType.String => new("string", new PointJson(timeMs, value.Text ?? string.Empty)),
        PromqlValueType.Vector => new("vector", value.Vector
            .Select(s => new InstantSampleJson(s.Labels, new PointJson(timeMs, PrometheusFloat.FormatJsonValue(s.Value))))
            .ToList()),
        _ => new("matrix", value.Matrix
            .Select(s => new RangeSeriesJson(s.Labels, s.Points.Select(p => new PointJson(p.TimestampMs, PrometheusFloat.FormatJsonValue(p.Value))).ToList()))
            .ToList()),
    };
}
