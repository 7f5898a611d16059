using System.Buffers;
using System.Buffers.Binary;
using DeepSeek.Observe.Core.Binary;
using DeepSeek.Observe.Ingest.Protocol.RemoteWrite;
using Google.Protobuf;
using Snappier;

namespace DeepSeek.Observe.Host.Bench;

/// <summary>
/// Builds remote_write bodies fast enough that the benchmark measures the receiver, not itself: each series' labels
/// are encoded once, and a request is those bytes plus one sample per series, as a caught-up Prometheus sends.
/// </summary>
internal sealed class RemoteWriteRequestWriter
{
    private const int TimeSeriesField = 1; // WriteRequest.timeseries
    private const int LabelsField = 1;     // TimeSeries.labels
    private const int SamplesField = 2;    // TimeSeries.samples

    private readonly byte[][] _encodedLabels;

    public RemoteWriteRequestWriter(IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> series)
    {
        _encodedLabels = new byte[series.Count][];
        for (var i = 0; i < series.Count; i++)
        {
            using var buffer = new MemoryStream();
            var output = new CodedOutputStream(buffer);
            foreach (var (name, value) in series[i])
            {
                output.WriteTag(LabelsField, WireFormat.WireType.LengthDelimited);
                output.WriteMessage(new Label { Name = name, Value = value });
            }

            output.Flush();
            _encodedLabels[i] = buffer.ToArray();
        }
    }

    public int SeriesCount => _encodedLabels.Length;

    /// <summary>A snappy-compressed WriteRequest with one sample for each series index in <paramref name="series"/>.</summary>
    public byte[] Write(ReadOnlySpan<int> series, long timestampMs, Func<int, double> value)
    {
        var writer = new ArrayBufferWriter<byte>(series.Length * (_encodedLabels[series[0]].Length + 40));
        Span<byte> sample = stackalloc byte[SampleMaxSize];
        foreach (var index in series)
        {
            var sampleLength = EncodeSample(sample, value(index), timestampMs);
            var labels = _encodedLabels[index];
            var timeSeriesLength = labels.Length + 1 + Varint.Length((ulong)sampleLength) + sampleLength;
            WriteTag(writer, TimeSeriesField);
            Varint.Write(writer, (ulong)timeSeriesLength);
            writer.Write(labels);
            WriteTag(writer, SamplesField);
            Varint.Write(writer, (ulong)sampleLength);
            writer.Write(sample[..sampleLength]);
        }

        return Snappy.CompressToArray(writer.WrittenSpan);
    }

    // Sample { double value = 1; int64 timestamp = 2; }: tag 0x09 + 8 bytes, tag 0x10 + varint (at most 10 bytes).
    private const int SampleMaxSize = 1 + 8 + 1 + 10;

    private static int EncodeSample(Span<byte> buffer, double value, long timestampMs)
    {
        buffer[0] = 0x09;
        BinaryPrimitives.WriteDoubleLittleEndian(buffer[1..], value);
        buffer[9] = 0x10;
        return 10 + Varint.Write(buffer[10..], (ulong)timestampMs);
    }

    private static void WriteTag(ArrayBufferWriter<byte> writer, int field) =>
        Varint.Write(writer, (ulong)((field << 3) | (int)WireFormat.WireType.LengthDelimited));

}
