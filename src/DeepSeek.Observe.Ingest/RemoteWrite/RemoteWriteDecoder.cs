using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Ingest.Internal;
using DeepSeek.Observe.Ingest.Protocol.RemoteWrite;
using Google.Protobuf;
using Snappier;
using ProtoSample = DeepSeek.Observe.Ingest.Protocol.RemoteWrite.Sample;

namespace DeepSeek.Observe.Ingest.RemoteWrite;

/// <summary>
/// Turns a remote_write 1.0 body (snappy block format around a protobuf <c>WriteRequest</c>) into validated series,
/// or a 400/413 naming what is wrong. All of it or nothing: one bad series refuses the request.
/// </summary>
public static class RemoteWriteDecoder
{
    public static IReadOnlyList<SeriesSamples> Decode(ReadOnlySpan<byte> body, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        WriteRequest request;
        try
        {
            var length = Snappy.GetUncompressedLength(body);
            if (length > options.MaxDecompressedBytes)
            {
                throw IngestRejectedException.TooLarge(
                    $"decompressed body of {length} bytes exceeds the limit of {options.MaxDecompressedBytes} bytes");
            }

            var raw = new byte[length];
            Snappy.Decompress(body, raw);
            request = WriteRequest.Parser.ParseFrom(raw);
        }
        catch (InvalidDataException ex)
        {
            throw IngestRejectedException.BadRequest($"body is not snappy block-compressed: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            throw IngestRejectedException.BadRequest($"body is not snappy block-compressed: {ex.Message}");
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw IngestRejectedException.BadRequest($"body is not a protobuf WriteRequest: {ex.Message}");
        }

        if (request.Timeseries.Count > options.MaxSeriesPerRequest)
        {
            throw IngestRejectedException.BadRequest(
                $"request has {request.Timeseries.Count} series, over the limit of {options.MaxSeriesPerRequest}");
        }

        var batch = new List<SeriesSamples>(request.Timeseries.Count);
        foreach (var series in request.Timeseries)
        {
            var labels = SeriesValidator.ToLabelSet([.. series.Labels.Select(l => KeyValuePair.Create(l.Name, l.Value))], options);
            var samples = new Core.Sample[series.Samples.Count];
            for (var i = 0; i < samples.Length; i++)
            {
                ProtoSample sample = series.Samples[i];
                samples[i] = new Core.Sample(sample.Timestamp, sample.Value);
            }

            batch.Add(new SeriesSamples(labels, samples));
        }

        return batch;
    }
}
