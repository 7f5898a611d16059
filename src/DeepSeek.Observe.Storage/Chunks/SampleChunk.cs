using System.Buffers;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Binary;

namespace DeepSeek.Observe.Storage.Chunks;

/// <summary>
/// An immutable, compressed run of one series' samples: what the embedded store writes to its chunk files and the
/// PostgreSQL store to <c>bytea</c>. Self-describing:
/// <code>
/// chunk   = encoding:u8 count:varint minTimestamp:zigzag-varint extra bits
/// Xor     : extra = (none);              bits = value0:64 (tsDod xorValue)*
/// Decimal : extra = scale:u8 first:zz;   bits = (tsDod valueDelta)*       values are integer / 10^scale
/// Decimal2: extra = scale:u8 first:zz;   bits = (tsDod valueDeltaOfDelta)*
/// </code>
/// Timestamps are delta-of-deltas in <see cref="SignedBuckets.Timestamps"/> (zero for regular scrapes). Gauges that
/// exporters report as short decimals (temperatures, utilisation, watts with three decimals) cost far fewer bits as
/// scaled integers than as XORed IEEE bits, and counters with a steady rate fewer still as delta-of-deltas, so sealing
/// a chunk picks whichever encoding is smallest for its samples, always bit-exact.
/// </summary>
internal static class SampleChunk
{
    public const byte Xor = 1;
    public const byte Decimal = 2;
    public const byte DecimalDoubleDelta = 3;

    private const int MaxScale = 9;
    private const double MaxExactInteger = 9007199254740992d; // 2^53

    private static readonly double[] s_powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    /// <summary>Encodes <paramref name="samples"/> (time-ordered, at least one) with the smallest of the encodings.</summary>
    public static byte[] Encode(ReadOnlySpan<Sample> samples)
    {
        if (samples.IsEmpty)
        {
            throw new ArgumentException("a chunk holds at least one sample", nameof(samples));
        }

        var xor = new XorChunkAppender();
        foreach (var sample in samples)
        {
            xor.Append(sample.TimestampMs, sample.Value);
        }

        var scaled = ArrayPool<long>.Shared.Rent(samples.Length);
        try
        {
            if (!TryScale(samples, scaled, out var scale))
            {
                return xor.ToChunk();
            }

            var values = scaled.AsSpan(0, samples.Length);
            var timestampBits = TimestampBits(samples);
            var deltaBits = DeltaBits(values, doubleDelta: false);
            var doubleDeltaBits = DeltaBits(values, doubleDelta: true);
            var best = Math.Min(deltaBits, doubleDeltaBits);
            var decimalLength = HeaderLength(samples.Length, samples[0].TimestampMs) + 1 + Varint.Length(Varint.ZigZag(values[0]))
                + ((timestampBits + best + 7) / 8);
            return decimalLength < xor.ByteLength
                ? EncodeDecimal(samples, values, scale, doubleDelta: doubleDeltaBits < deltaBits)
                : xor.ToChunk();
        }
        finally
        {
            ArrayPool<long>.Shared.Return(scaled);
        }
    }

    /// <summary>Encodes the samples of <paramref name="chunk"/> again with the smallest encoding.</summary>
    public static byte[] Recode(ReadOnlySpan<byte> chunk) => Encode(Decode(chunk).ToArray());

    /// <summary>Decodes every sample of <paramref name="chunk"/>.</summary>
    public static List<Sample> Decode(ReadOnlySpan<byte> chunk)
    {
        var samples = new List<Sample>(Count(chunk));
        Decode(chunk, samples, long.MinValue, long.MaxValue);
        return samples;
    }

    /// <summary>Appends the samples of <paramref name="chunk"/> in [<paramref name="minT"/>, <paramref name="maxT"/>] to <paramref name="into"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> chunk, List<Sample> into, long minT, long maxT)
    {
        ArgumentNullException.ThrowIfNull(into);
        var (encoding, count, first, offset) = ReadHeader(chunk);
        var rest = chunk[offset..];
        switch (encoding)
        {
            case Xor:
                DecodeXor(rest, count, first, into, minT, maxT);
                break;
            case Decimal or DecimalDoubleDelta:
                DecodeDecimal(rest, count, first, encoding == DecimalDoubleDelta, into, minT, maxT);
                break;
            default:
                throw new InvalidDataException($"unknown chunk encoding {encoding}");
        }
    }

    /// <summary>How many samples <paramref name="chunk"/> holds.</summary>
    public static int Count(ReadOnlySpan<byte> chunk) => ReadHeader(chunk).Count;

    internal static int HeaderLength(int count, long minTimestamp) =>
        1 + Varint.Length((ulong)count) + Varint.Length(Varint.ZigZag(minTimestamp));

    internal static byte[] Assemble(byte encoding, int count, long minTimestamp, ReadOnlySpan<byte> extra, ReadOnlySpan<byte> bits)
    {
        var header = HeaderLength(count, minTimestamp);
        var chunk = new byte[header + extra.Length + bits.Length];
        chunk[0] = encoding;
        var offset = 1 + Varint.Write(chunk.AsSpan(1), (ulong)count);
        Varint.Write(chunk.AsSpan(offset), Varint.ZigZag(minTimestamp));
        extra.CopyTo(chunk.AsSpan(header));
        bits.CopyTo(chunk.AsSpan(header + extra.Length));
        return chunk;
    }

    internal static void DecodeXor(ReadOnlySpan<byte> bits, int count, long firstTimestamp, List<Sample> into, long minT, long maxT)
    {
        var reader = new BitReader(bits);
        var timestamp = firstTimestamp;
        var delta = 0L;
        var valueBits = reader.ReadBits(64);
        int leading = 0, trailing = 0;
        for (var i = 0; ; i++)
        {
            if (timestamp > maxT)
            {
                return;
            }

            if (timestamp >= minT)
            {
                into.Add(new Sample(timestamp, BitConverter.UInt64BitsToDouble(valueBits)));
            }

            if (i + 1 == count)
            {
                return;
            }

            delta += SignedBuckets.Timestamps.Read(ref reader);
            timestamp += delta;
            if (!reader.ReadBit())
            {
                continue;
            }

            if (reader.ReadBit())
            {
                leading = (int)reader.ReadBits(6);
                trailing = 64 - leading - ((int)reader.ReadBits(6) + 1);
            }

            valueBits ^= reader.ReadBits(64 - leading - trailing) << trailing;
        }
    }

    private static (byte Encoding, int Count, long First, int Offset) ReadHeader(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < 3)
        {
            throw new InvalidDataException("chunk is too short");
        }

        var offset = 1;
        var count = Varint.ReadAt(chunk, ref offset);
        var first = Varint.UnZigZag(Varint.ReadAt(chunk, ref offset));
        return count is 0 or > int.MaxValue
            ? throw new InvalidDataException($"chunk declares {count} samples")
            : (chunk[0], (int)count, first, offset);
    }

    // The smallest power of ten that turns every value into an integer that divides back to the very same bits.
    private static bool TryScale(ReadOnlySpan<Sample> samples, long[] scaled, out int scale)
    {
        for (scale = 0; scale <= MaxScale; scale++)
        {
            var power = s_powersOfTen[scale];
            var exact = true;
            for (var i = 0; i < samples.Length && exact; i++)
            {
                var value = samples[i].Value;
                if (!double.IsFinite(value) || Math.Abs(value * power) >= MaxExactInteger)
                {
                    return false;
                }

                var integer = (long)Math.Round(value * power);
                exact = BitConverter.DoubleToInt64Bits(integer / power) == BitConverter.DoubleToInt64Bits(value);
                scaled[i] = integer;
            }

            if (exact)
            {
                return true;
            }
        }

        return false;
    }

    private static int TimestampBits(ReadOnlySpan<Sample> samples)
    {
        var bits = 0;
        var previousDelta = 0L;
        for (var i = 1; i < samples.Length; i++)
        {
            var delta = samples[i].TimestampMs - samples[i - 1].TimestampMs;
            bits += SignedBuckets.Timestamps.Cost(delta - previousDelta);
            previousDelta = delta;
        }

        return bits;
    }

    private static int DeltaBits(ReadOnlySpan<long> values, bool doubleDelta)
    {
        var bits = 0;
        var previousDelta = 0L;
        for (var i = 1; i < values.Length; i++)
        {
            var delta = values[i] - values[i - 1];
            bits += SignedBuckets.Values.Cost(doubleDelta ? delta - previousDelta : delta);
            previousDelta = delta;
        }

        return bits;
    }

    private static byte[] EncodeDecimal(ReadOnlySpan<Sample> samples, ReadOnlySpan<long> values, int scale, bool doubleDelta)
    {
        Span<byte> extra = stackalloc byte[1 + Varint.MaxLength];
        extra[0] = (byte)scale;
        var extraLength = 1 + Varint.Write(extra[1..], Varint.ZigZag(values[0]));
        var bits = new BitWriter((samples.Length * 2) + 8);
        long previousTimestampDelta = 0, previousValueDelta = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            var timestampDelta = samples[i].TimestampMs - samples[i - 1].TimestampMs;
            SignedBuckets.Timestamps.Write(bits, timestampDelta - previousTimestampDelta);
            previousTimestampDelta = timestampDelta;
            var valueDelta = values[i] - values[i - 1];
            SignedBuckets.Values.Write(bits, doubleDelta ? valueDelta - previousValueDelta : valueDelta);
            previousValueDelta = valueDelta;
        }

        return Assemble(doubleDelta ? DecimalDoubleDelta : Decimal, samples.Length, samples[0].TimestampMs, extra[..extraLength], bits.Written);
    }

    private static void DecodeDecimal(
        ReadOnlySpan<byte> data, int count, long firstTimestamp, bool doubleDelta, List<Sample> into, long minT, long maxT)
    {
        if (data.IsEmpty || data[0] > MaxScale)
        {
            throw new InvalidDataException("decimal chunk has no valid scale");
        }

        var power = s_powersOfTen[data[0]];
        var offset = 1;
        var value = Varint.UnZigZag(Varint.ReadAt(data, ref offset));
        var reader = new BitReader(data[offset..]);
        var timestamp = firstTimestamp;
        long timestampDelta = 0, valueDelta = 0;
        for (var i = 0; ; i++)
        {
            if (timestamp > maxT)
            {
                return;
            }

            if (timestamp >= minT)
            {
                into.Add(new Sample(timestamp, value / power));
            }

            if (i + 1 == count)
            {
                return;
            }

            timestampDelta += SignedBuckets.Timestamps.Read(ref reader);
            timestamp += timestampDelta;
            var read = SignedBuckets.Values.Read(ref reader);
            valueDelta = doubleDelta ? valueDelta + read : read;
            value += valueDelta;
        }
    }
}
