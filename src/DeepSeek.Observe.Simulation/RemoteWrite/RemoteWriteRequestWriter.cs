using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Binary;
using Snappier;

namespace DeepSeek.Observe.Simulation.RemoteWrite;

/// <summary>
/// Builds remote_write 1.0 bodies fast enough that senders measure the receiver, not themselves: each series' labels
/// are encoded once, and a request is those bytes plus one sample per series, as a caught-up Prometheus sends.
/// Used by <c>simulate</c> and <c>bench ingest</c>.
/// </summary>
public sealed class RemoteWriteRequestWriter
{
    // Protobuf tags (field << 3 | wire type 2, length-delimited) of WriteRequest.timeseries, TimeSeries.labels,
    // TimeSeries.samples, Label.name and Label.value (prometheus/prompb/types.proto).
    private const byte TimeSeriesTag = (1 << 3) | 2;
    private const byte LabelsTag = (1 << 3) | 2;
    private const byte SamplesTag = (2 << 3) | 2;
    private const byte LabelNameTag = (1 << 3) | 2;
    private const byte LabelValueTag = (2 << 3) | 2;

    // Sample { double value = 1; int64 timestamp = 2; }: tag 0x09 + 8 bytes, tag 0x10 + varint (at most 10 bytes).
    private const int SampleMaxSize = 1 + 8 + 1 + Varint.MaxLength;

    // Encoding buffers are reused per thread: a request is built on one thread, then only its compressed copy leaves.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_buffer;

    private readonly byte[][] _encodedLabels;

    public RemoteWriteRequestWriter(IReadOnlyList<LabelSet> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _encodedLabels = new byte[series.Count][];
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < series.Count; i++)
        {
            buffer.ResetWrittenCount();
            foreach (var label in series[i])
            {
                var name = Encoding.UTF8.GetByteCount(label.Name);
                var value = Encoding.UTF8.GetByteCount(label.Value);
                var length = 1 + Varint.Length((ulong)name) + name + 1 + Varint.Length((ulong)value) + value;
                WriteByte(buffer, LabelsTag);
                Varint.Write(buffer, (ulong)length);
                WriteByte(buffer, LabelNameTag);
                Varint.Write(buffer, (ulong)name);
                buffer.Advance(Encoding.UTF8.GetBytes(label.Name, buffer.GetSpan(name)));
                WriteByte(buffer, LabelValueTag);
                Varint.Write(buffer, (ulong)value);
                buffer.Advance(Encoding.UTF8.GetBytes(label.Value, buffer.GetSpan(value)));
            }

            _encodedLabels[i] = buffer.WrittenSpan.ToArray();
        }
    }

    public int SeriesCount => _encodedLabels.Length;

    /// <summary>A snappy-compressed WriteRequest with one sample for each series index in <paramref name="series"/>.</summary>
    public byte[] Write(ReadOnlySpan<int> series, long timestampMs, Func<int, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = Buffer();
        foreach (var index in series)
        {
            Append(writer, index, value(index), timestampMs);
        }

        return Snappy.CompressToArray(writer.WrittenSpan);
    }

    /// <summary>
    /// A snappy-compressed WriteRequest with <paramref name="values"/> for series <paramref name="first"/>, <paramref name="first"/>+1, …;
    /// <see cref="SimulatedValue.Absent"/> values are left out.
    /// </summary>
    public byte[] Write(int first, ReadOnlySpan<double> values, long timestampMs)
    {
        var writer = Buffer();
        for (var i = 0; i < values.Length; i++)
        {
            if (!SimulatedValue.IsAbsent(values[i]))
            {
                Append(writer, first + i, values[i], timestampMs);
            }
        }

        return Snappy.CompressToArray(writer.WrittenSpan);
    }

    private static ArrayBufferWriter<byte> Buffer()
    {
        var buffer = s_buffer ??= new ArrayBufferWriter<byte>(1 << 20);
        buffer.ResetWrittenCount();
        return buffer;
    }

    private void Append(ArrayBufferWriter<byte> writer, int index, double value, long timestampMs)
    {
        Span<byte> sample = stackalloc byte[SampleMaxSize];
        sample[0] = 0x09;
        BinaryPrimitives.WriteDoubleLittleEndian(sample[1..], value);
        sample[9] = 0x10;
        var sampleLength = 10 + Varint.Write(sample[10..], (ulong)timestampMs);

        var labels = _encodedLabels[index];
        var timeSeriesLength = labels.Length + 1 + Varint.Length((ulong)sampleLength) + sampleLength;
        WriteByte(writer, TimeSeriesTag);
        Varint.Write(writer, (ulong)timeSeriesLength);
        writer.Write(labels);
        WriteByte(writer, SamplesTag);
        Varint.Write(writer, (ulong)sampleLength);
        writer.Write(sample[..sampleLength]);
    }

    private static void WriteByte(ArrayBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }
}
