using System.Numerics;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Chunks;

/// <summary>
/// Builds a chunk one sample at a time with the Gorilla scheme (delta-of-delta timestamps, XOR of consecutive value
/// bits), the only encoding that can be extended in place: the head's open chunk of every series is one of these.
/// When the chunk is sealed, <see cref="SampleChunk.Encode"/> may pick a denser encoding for the finished samples.
/// </summary>
internal sealed class XorChunkAppender
{
    private readonly BitWriter _bits = new();
    private long _previousTimestamp;
    private long _previousDelta;
    private ulong _previousBits;
    private int _leading = -1;
    private int _trailing;

    public int Count { get; private set; }

    public long MinTimestamp { get; private set; }

    public long MaxTimestamp => _previousTimestamp;

    /// <summary>Encoded size so far, header included.</summary>
    public int ByteLength => SampleChunk.HeaderLength(Count, MinTimestamp) + _bits.ByteLength;

    /// <summary>Appends a sample newer than every sample before it.</summary>
    public void Append(long timestampMs, double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        if (Count == 0)
        {
            MinTimestamp = timestampMs;
            _bits.WriteBits(bits, 64);
        }
        else
        {
            var delta = timestampMs - _previousTimestamp;
            SignedBuckets.Timestamps.Write(_bits, delta - _previousDelta);
            _previousDelta = delta;
            WriteXor(_bits, bits ^ _previousBits, ref _leading, ref _trailing);
        }

        _previousTimestamp = timestampMs;
        _previousBits = bits;
        Count++;
    }

    /// <summary>The chunk as <see cref="SampleChunk"/> bytes.</summary>
    public byte[] ToChunk() => SampleChunk.Assemble(SampleChunk.Xor, Count, MinTimestamp, [], _bits.Written);

    /// <summary>Appends the samples in [<paramref name="minT"/>, <paramref name="maxT"/>] to <paramref name="into"/>.</summary>
    public void Decode(List<Sample> into, long minT, long maxT)
    {
        if (Count > 0 && MinTimestamp <= maxT && _previousTimestamp >= minT)
        {
            SampleChunk.DecodeXor(_bits.Written, Count, MinTimestamp, into, minT, maxT);
        }
    }

    internal static void WriteXor(BitWriter writer, ulong xor, ref int leading, ref int trailing)
    {
        if (xor == 0)
        {
            writer.WriteBit(false);
            return;
        }

        var lead = BitOperations.LeadingZeroCount(xor);
        var trail = BitOperations.TrailingZeroCount(xor);
        if (leading >= 0 && lead >= leading && trail >= trailing)
        {
            // The changed bits fit the previous window: no need to repeat its position.
            writer.WriteBits(0b10, 2);
            writer.WriteBits(xor >> trailing, 64 - leading - trailing);
            return;
        }

        var significant = 64 - lead - trail;
        writer.WriteBits(0b11, 2);
        writer.WriteBits((ulong)lead, 6);
        writer.WriteBits((ulong)(significant - 1), 6);
        writer.WriteBits(xor >> trail, significant);
        leading = lead;
        trailing = trail;
    }
}
