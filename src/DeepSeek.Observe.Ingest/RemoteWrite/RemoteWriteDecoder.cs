using System.Text;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Internal;

namespace DeepSeek.Observe.Ingest.RemoteWrite;

/// <summary>
/// Turns a remote_write 1.0 body (snappy block format around a protobuf <c>WriteRequest</c>) into validated series,
/// or a 400/413 naming what is wrong. All of it or nothing: one bad series refuses the request.
/// </summary>
public static class RemoteWriteDecoder
{
    // WriteRequest.timeseries, TimeSeries.labels / .samples, Label.name / .value, Sample.value / .timestamp.
    private const int TimeSeriesField = 1, LabelsField = 1, SamplesField = 2, NameField = 1, ValueField = 2, SampleValueField = 1, TimestampField = 2;

    // WriteRequest.metadata (repeated MetricMetadata).
    private const int MetadataField = 3;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes a body's series on its own (no label-set cache).</summary>
    public static IReadOnlyList<SeriesSamples> Decode(ReadOnlySpan<byte> body, IngestOptions options) => DecodeRequest(body, options, null).Series;

    /// <summary>Decodes a body's series; <paramref name="cache"/>, when given, skips re-decoding label sets it has seen.</summary>
    internal static IReadOnlyList<SeriesSamples> Decode(ReadOnlySpan<byte> body, IngestOptions options, LabelSetCache? cache) =>
        DecodeRequest(body, options, cache).Series;

    /// <summary>Decodes a body's series and metric metadata (no label-set cache).</summary>
    public static RemoteWriteRequest DecodeRequest(ReadOnlySpan<byte> body, IngestOptions options) => DecodeRequest(body, options, null);

    /// <summary>Decodes a body's series and metric metadata; <paramref name="cache"/> as for <see cref="Decode(ReadOnlySpan{byte}, IngestOptions, LabelSetCache?)"/>.</summary>
    internal static RemoteWriteRequest DecodeRequest(ReadOnlySpan<byte> body, IngestOptions options, LabelSetCache? cache)
    {
        ArgumentNullException.ThrowIfNull(options);
        var raw = SnappyBlock.Decompress(body, options.MaxDecompressedBytes);
        var batch = new List<SeriesSamples>();
        List<MetricMetadata>? metadata = null;
        var request = new ProtoReader(raw);
        while (!request.End)
        {
            var (field, wireType) = request.ReadTag();
            if (field == MetadataField && wireType == ProtoReader.LengthDelimited)
            {
                // Prometheus sends metadata in requests of their own, once a minute; they share the series cap.
                metadata ??= [];
                if (metadata.Count == options.MaxSeriesPerRequest)
                {
                    throw IngestRejectedException.BadRequest($"request has more metadata entries than the limit of {options.MaxSeriesPerRequest}");
                }

                metadata.Add(RemoteWriteMetadataDecoder.Decode(request.ReadLengthDelimited()));
                continue;
            }

            if (field != TimeSeriesField || wireType != ProtoReader.LengthDelimited)
            {
                request.Skip(wireType);
                continue;
            }

            if (batch.Count == options.MaxSeriesPerRequest)
            {
                throw IngestRejectedException.BadRequest($"request has more series than the limit of {options.MaxSeriesPerRequest}");
            }

            batch.Add(DecodeTimeSeries(request.ReadLengthDelimited(), options, cache));
        }

        return new RemoteWriteRequest(batch, metadata ?? (IReadOnlyList<MetricMetadata>)[]);
    }

    private static SeriesSamples DecodeTimeSeries(ReadOnlySpan<byte> message, IngestOptions options, LabelSetCache? cache)
    {
        var reader = new ProtoReader(message);
        int labelsStart = -1, labelsEnd = -1;
        var contiguous = true;
        var samples = new List<Core.Sample>(1);
        while (!reader.End)
        {
            var start = reader.Position;
            var (field, wireType) = reader.ReadTag();
            if (field == LabelsField && wireType == ProtoReader.LengthDelimited)
            {
                reader.ReadLengthDelimited();
                contiguous &= labelsEnd < 0 || labelsEnd == start;
                labelsStart = labelsStart < 0 ? start : labelsStart;
                labelsEnd = reader.Position;
            }
            else if (field == SamplesField && wireType == ProtoReader.LengthDelimited)
            {
                samples.Add(DecodeSample(reader.ReadLengthDelimited()));
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        // Labels spread between samples (legal, but no sender does it) are decoded every time rather than cached.
        var cacheable = cache is not null && contiguous;
        var labelBytes = labelsStart < 0 ? [] : message[labelsStart..labelsEnd];
        var hash = 0UL;
        if (cacheable && cache!.TryGet(labelBytes, out hash, out var cached))
        {
            return new SeriesSamples(cached, samples);
        }

        var labels = SeriesValidator.ToLabelSet(DecodeLabels(message), options);
        if (cacheable)
        {
            cache!.Add(hash, labels);
        }

        return new SeriesSamples(labels, samples);
    }

    private static List<KeyValuePair<string, string>> DecodeLabels(ReadOnlySpan<byte> timeSeries)
    {
        var labels = new List<KeyValuePair<string, string>>();
        var reader = new ProtoReader(timeSeries);
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field != LabelsField || wireType != ProtoReader.LengthDelimited)
            {
                reader.Skip(wireType);
                continue;
            }

            var label = new ProtoReader(reader.ReadLengthDelimited());
            string name = string.Empty, value = string.Empty;
            while (!label.End)
            {
                var (labelField, labelWire) = label.ReadTag();
                if (labelField is NameField or ValueField && labelWire == ProtoReader.LengthDelimited)
                {
                    var text = Utf8(label.ReadLengthDelimited());
                    _ = labelField == NameField ? name = text : value = text;
                }
                else
                {
                    label.Skip(labelWire);
                }
            }

            labels.Add(KeyValuePair.Create(name, value));
        }

        return labels;
    }

    private static Core.Sample DecodeSample(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        double value = 0;
        long timestamp = 0;
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == SampleValueField && wireType == ProtoReader.Fixed64)
            {
                value = BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
            }
            else if (field == TimestampField && wireType == ProtoReader.Varint)
            {
                timestamp = (long)reader.ReadVarint();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return new Core.Sample(timestamp, value);
    }

    private static string Utf8(ReadOnlySpan<byte> bytes) => Utf8(bytes, "a label");

    internal static string Utf8(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw ProtoReader.Malformed($"{what} is not valid UTF-8");
        }
    }
}
