using System.Globalization;
using System.Text.Json;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Ingest.Internal;
using DeepSeek.Observe.Ingest.Protocol.Loki;
using DeepSeek.Observe.Ingest.RemoteWrite;
using Google.Protobuf;

namespace DeepSeek.Observe.Ingest.Loki;

/// <summary>
/// Decodes Loki push bodies (https://grafana.com/docs/loki/latest/reference/loki-http-api/#ingest-logs) into validated
/// streams, or a 400/413 naming what is wrong; one bad stream or line refuses the whole request.
/// JSON: <c>{"streams":[{"stream":{labels},"values":[["&lt;unix ns&gt;","line"(,{structured metadata})]]}]}</c>.
/// Protobuf: a snappy block-compressed <c>logproto.PushRequest</c>, as Promtail, Alloy and Fluent Bit send it.
/// </summary>
public static class LokiPushDecoder
{
    public static IReadOnlyList<StreamEntries> DecodeProtobuf(ReadOnlySpan<byte> body, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PushRequest request;
        try
        {
            request = PushRequest.Parser.ParseFrom(SnappyBlock.Decompress(body, options.MaxDecompressedBytes));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw IngestRejectedException.BadRequest($"body is not a valid Loki PushRequest: {ex.Message}");
        }

        var batch = new LogBatchBuilder(options);
        foreach (var stream in request.Streams)
        {
            var labels = SeriesValidator.ToStreamLabels(LokiLabels.Parse(stream.Labels), options);
            foreach (var entry in stream.Entries)
            {
                var timestamp = entry.Timestamp ?? throw IngestRejectedException.BadRequest($"an entry of stream {labels} has no timestamp");
                if (timestamp.Nanos is < 0 or >= 1_000_000_000 || timestamp.Seconds is < 0 or >= long.MaxValue / 1_000_000_000)
                {
                    throw IngestRejectedException.BadRequest($"an entry of stream {labels} has an invalid timestamp");
                }

                var metadata = LogBatchBuilder.Metadata([.. entry.StructuredMetadata.Select(p => KeyValuePair.Create(p.Name, p.Value))]);
                batch.Add(labels, new LogEntry((timestamp.Seconds * 1_000_000_000) + timestamp.Nanos, entry.Line, metadata));
            }
        }

        return batch.Build();
    }

    public static IReadOnlyList<StreamEntries> DecodeJson(ReadOnlySpan<byte> body, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("streams", out var streams) || streams.ValueKind != JsonValueKind.Array)
            {
                throw IngestRejectedException.BadRequest("body is not a Loki push request: expected {\"streams\": [...]}");
            }

            var batch = new LogBatchBuilder(options);
            foreach (var stream in streams.EnumerateArray())
            {
                if (stream.ValueKind != JsonValueKind.Object || !stream.TryGetProperty("stream", out var labelObject)
                    || !stream.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
                {
                    throw IngestRejectedException.BadRequest("each stream needs \"stream\" (its labels) and \"values\" (an array of entries)");
                }

                var labels = SeriesValidator.ToStreamLabels(Pairs(labelObject, "stream"), options);
                foreach (var value in values.EnumerateArray())
                {
                    batch.Add(labels, Entry(value, labels));
                }
            }

            return batch.Build();
        }
        catch (JsonException ex)
        {
            throw IngestRejectedException.BadRequest($"body is not valid JSON: {ex.Message}");
        }
    }

    private static LogEntry Entry(JsonElement value, LabelSet stream)
    {
        var length = value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;
        if (length is not (2 or 3) || value[0].ValueKind != JsonValueKind.String || value[1].ValueKind != JsonValueKind.String)
        {
            throw IngestRejectedException.BadRequest($"an entry of stream {stream} is not [\"<unix nanoseconds>\", \"<line>\"(, {{metadata}})]");
        }

        if (!long.TryParse(value[0].GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            throw IngestRejectedException.BadRequest($"an entry of stream {stream} has timestamp \"{value[0].GetString()}\", not Unix nanoseconds");
        }

        var metadata = length == 3 ? LogBatchBuilder.Metadata(Pairs(value[2], "structured metadata")) : LabelSet.Empty;
        return new LogEntry(timestamp, value[1].GetString()!, metadata);
    }

    private static List<KeyValuePair<string, string>> Pairs(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw IngestRejectedException.BadRequest($"{what} must be an object of string values");
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw IngestRejectedException.BadRequest($"{what}: value of \"{property.Name}\" is not a string");
            }

            pairs.Add(KeyValuePair.Create(property.Name, property.Value.GetString()!));
        }

        return pairs;
    }
}
