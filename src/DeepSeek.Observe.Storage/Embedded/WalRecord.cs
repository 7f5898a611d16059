using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The write-ahead log's only record: one accepted write, i.e. the series it creates and the samples it appends.
/// A write is one record so that a torn record at a crash loses exactly the write that was never acknowledged.
/// <code>
/// record  = length:u32 crc32:u32 payload[length]          (little-endian; crc32 of the payload)
/// payload = version:u8 seriesCount:u32 series* sampleCount:u32 sample*
/// series  = ref:u64 labelCount:u16 (name:str value:str)*   str = byteLength:u32 utf8
/// sample  = ref:u64 timestampMs:i64 valueBits:u64
/// </code>
/// </summary>
internal static class WalRecord
{
    public const int HeaderSize = 8;
    public const byte Version = 1;

    /// <summary>Records larger than this are corruption, not data: a remote-write body is capped far below it.</summary>
    public const int MaxPayloadSize = 256 * 1024 * 1024;

    public static byte[] Encode(IReadOnlyList<(ulong Ref, LabelSet Labels)> newSeries, IReadOnlyList<(ulong Ref, Sample Sample)> samples)
    {
        var writer = new ArrayBufferWriter<byte>(HeaderSize + 16 + (samples.Count * 24) + (newSeries.Count * 64));
        writer.Advance(HeaderSize);
        writer.GetSpan(1)[0] = Version;
        writer.Advance(1);
        WriteU32(writer, (uint)newSeries.Count);
        foreach (var (reference, labels) in newSeries)
        {
            WriteU64(writer, reference);
            BinaryPrimitives.WriteUInt16LittleEndian(writer.GetSpan(2), checked((ushort)labels.Count));
            writer.Advance(2);
            foreach (var label in labels)
            {
                WriteString(writer, label.Name);
                WriteString(writer, label.Value);
            }
        }

        WriteU32(writer, (uint)samples.Count);
        foreach (var (reference, sample) in samples)
        {
            var span = writer.GetSpan(24);
            BinaryPrimitives.WriteUInt64LittleEndian(span, reference);
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], sample.TimestampMs);
            BinaryPrimitives.WriteUInt64LittleEndian(span[16..], BitConverter.DoubleToUInt64Bits(sample.Value));
            writer.Advance(24);
        }

        var record = writer.WrittenSpan.ToArray();
        var payload = record.AsSpan(HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(payload));
        return record;
    }

    /// <summary>Decodes a payload whose CRC has been checked.</summary>
    public static (List<(ulong Ref, LabelSet Labels)> Series, List<(ulong Ref, Sample Sample)> Samples) Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new SpanReader(payload);
        if (reader.ReadByte() != Version)
        {
            throw new InvalidDataException("unknown WAL record version");
        }

        var seriesCount = reader.ReadU32();
        var series = new List<(ulong, LabelSet)>((int)Math.Min(seriesCount, 1 << 16));
        for (var i = 0; i < seriesCount; i++)
        {
            var reference = reader.ReadU64();
            var labelCount = reader.ReadU16();
            var labels = new KeyValuePair<string, string>[labelCount];
            for (var j = 0; j < labelCount; j++)
            {
                labels[j] = KeyValuePair.Create(reader.ReadString(), reader.ReadString());
            }

            series.Add((reference, LabelSet.Create(labels)));
        }

        var sampleCount = reader.ReadU32();
        var samples = new List<(ulong, Sample)>((int)Math.Min(sampleCount, 1 << 20));
        for (var i = 0; i < sampleCount; i++)
        {
            samples.Add((reader.ReadU64(), new Sample(reader.ReadI64(), BitConverter.UInt64BitsToDouble(reader.ReadU64()))));
        }

        return (series, samples);
    }

    private static void WriteU32(ArrayBufferWriter<byte> writer, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    private static void WriteU64(ArrayBufferWriter<byte> writer, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteU32(writer, (uint)length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    private ref struct SpanReader(ReadOnlySpan<byte> span)
    {
        private ReadOnlySpan<byte> _rest = span;

        public byte ReadByte() => Take(1)[0];

        public ushort ReadU16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public uint ReadU32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public ulong ReadU64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        public long ReadI64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public string ReadString() => Encoding.UTF8.GetString(Take(checked((int)ReadU32())));

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _rest.Length)
            {
                throw new InvalidDataException("WAL record ends early");
            }

            var taken = _rest[..count];
            _rest = _rest[count..];
            return taken;
        }
    }
}
