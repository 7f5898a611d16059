using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Binary;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The write-ahead log's only record: one accepted write, i.e. the series it creates and the samples it appends.
/// A write is one record so that a torn record at a crash loses exactly the write that was never acknowledged.
/// <code>
/// record  = length:u32 crc32:u32 payload[length]          (little-endian; crc32 of the payload)
/// payload = version:u8 seriesCount:u32 series* sampleCount:u32 [baseTimestampMs:i64] sample*
/// series  = ref:u64 labelCount:u16 (name:str value:str)*   str = byteLength:u32 utf8
/// sample  = refDelta:zigzag-varint timestampDelta:zigzag-varint value
/// value   = 0x00 (same bits as the series' previous sample) | control:u8 middle[8 - lead - trail]
///           where control = 0x80 | lead &lt;&lt; 4 | trail, lead and trail counting the zero bytes at each end of
///           (bits XOR previousBits); the 0x80 flag keeps a control byte from ever reading as "unchanged".
/// </code>
/// Samples of one scrape share a timestamp and come in series order, and gauges move little between scrapes, so a
/// sample is typically 3 to 6 bytes instead of 24 — the Gorilla idea (XOR with the previous value), kept byte-aligned
/// so the log stays simple to read. A series' previous value is the one before it in log order (zero for a new
/// series), which replay reconstructs because it applies records in the order they were written.
/// </summary>
internal static class WalRecord
{
    public const int HeaderSize = RecordFrame.HeaderSize;
    public const byte Version = 2;

    private const int ChangedFlag = 0x80;

    public static byte[] Encode(
        IReadOnlyList<(ulong Ref, LabelSet Labels)> newSeries, IReadOnlyList<(ulong Ref, Sample Sample, ulong PreviousBits)> samples)
    {
        var writer = new ArrayBufferWriter<byte>(HeaderSize + 32 + (samples.Count * 8) + (newSeries.Count * 64));
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
        if (samples.Count > 0)
        {
            var baseTimestamp = samples[0].Sample.TimestampMs;
            WriteU64(writer, (ulong)baseTimestamp);
            var previousRef = 0UL;
            foreach (var (reference, sample, previousBits) in samples)
            {
                Varint.Write(writer, Varint.ZigZag((long)(reference - previousRef)));
                Varint.Write(writer, Varint.ZigZag(sample.TimestampMs - baseTimestamp));
                WriteValue(writer, BitConverter.DoubleToUInt64Bits(sample.Value) ^ previousBits);
                previousRef = reference;
            }
        }

        var record = writer.WrittenSpan.ToArray();
        RecordFrame.Seal(record);
        return record;
    }

    /// <summary>
    /// Decodes a payload whose CRC has been checked. <paramref name="previousBits"/> gives a series' last value before
    /// this record (zero for one it creates); later samples of the same series in the record chain from each other.
    /// </summary>
    public static (List<(ulong Ref, LabelSet Labels)> Series, List<(ulong Ref, Sample Sample)> Samples) Decode(
        ReadOnlySpan<byte> payload, Func<ulong, ulong> previousBits)
    {
        ArgumentNullException.ThrowIfNull(previousBits);
        var reader = new SpanReader(payload);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new NotSupportedException($"WAL record version {version} is not supported (this build reads version {Version})");
        }

        var seriesCount = reader.ReadU32();
        var series = new List<(ulong, LabelSet)>((int)Math.Min(seriesCount, 1 << 16));
        var created = new HashSet<ulong>();
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
            created.Add(reference);
        }

        var sampleCount = reader.ReadU32();
        var samples = new List<(ulong, Sample)>((int)Math.Min(sampleCount, 1 << 20));
        if (sampleCount > 0)
        {
            var baseTimestamp = (long)reader.ReadU64();
            var reference = 0UL;
            var last = new Dictionary<ulong, ulong>();
            for (var i = 0; i < sampleCount; i++)
            {
                reference += (ulong)Varint.UnZigZag(reader.ReadVarint());
                var timestamp = baseTimestamp + Varint.UnZigZag(reader.ReadVarint());
                if (!last.TryGetValue(reference, out var previous))
                {
                    previous = created.Contains(reference) ? 0UL : previousBits(reference);
                }

                var bits = reader.ReadValue() ^ previous;
                last[reference] = bits;
                samples.Add((reference, new Sample(timestamp, BitConverter.UInt64BitsToDouble(bits))));
            }
        }

        return (series, samples);
    }

    private static void WriteValue(ArrayBufferWriter<byte> writer, ulong xor)
    {
        if (xor == 0)
        {
            writer.GetSpan(1)[0] = 0;
            writer.Advance(1);
            return;
        }

        var lead = BitOperations.LeadingZeroCount(xor) / 8;
        var trail = BitOperations.TrailingZeroCount(xor) / 8;
        var middle = 8 - lead - trail;
        var span = writer.GetSpan(1 + middle);
        span[0] = (byte)(ChangedFlag | (lead << 4) | trail);
        for (var i = 0; i < middle; i++)
        {
            // Most significant byte first, starting after the leading zero bytes.
            span[1 + i] = (byte)(xor >> (8 * (7 - lead - i)));
        }

        writer.Advance(1 + middle);
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

        public ulong ReadVarint()
        {
            var position = 0;
            var value = Varint.ReadAt(_rest, ref position);
            _rest = _rest[position..];
            return value;
        }

        public ulong ReadValue()
        {
            var control = ReadByte();
            if (control == 0)
            {
                return 0;
            }

            int lead = (control >> 4) & 0x07, trail = control & 0x0F;
            var middle = 8 - lead - trail;
            if ((control & ChangedFlag) == 0 || middle <= 0 || trail > 7)
            {
                throw new InvalidDataException("WAL value has an invalid control byte");
            }

            ulong xor = 0;
            foreach (var b in Take(middle))
            {
                xor = (xor << 8) | b;
            }

            return xor << (8 * trail);
        }

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
