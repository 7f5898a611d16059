namespace DeepSeek.Observe.Storage.Chunks;

/// <summary>
/// A prefix code for signed integers that are usually zero or small: '0' is zero, then '10', '110', '1110', '11110'
/// and '11111' each select a wider two's complement field. Timestamps use it for delta-of-deltas (regular scrapes
/// make them zero), decimal values for their deltas.
/// </summary>
internal sealed class SignedBuckets
{
    /// <summary>Widths for millisecond delta-of-deltas: scrape jitter, then interval changes, then anything.</summary>
    public static readonly SignedBuckets Timestamps = new([7, 14, 20, 32]);

    /// <summary>Widths for deltas of scaled decimal values.</summary>
    public static readonly SignedBuckets Values = new([4, 8, 16, 32]);

    private readonly int[] _widths;

    private SignedBuckets(int[] widths) => _widths = widths;

    public void Write(BitWriter writer, long value)
    {
        if (value == 0)
        {
            writer.WriteBit(false);
            return;
        }

        for (var i = 0; i < _widths.Length; i++)
        {
            var width = _widths[i];
            var limit = 1L << (width - 1);
            if (value >= -limit && value < limit)
            {
                // i + 1 one-bits then a zero select bucket i.
                writer.WriteBits((1UL << (i + 2)) - 2, i + 2);
                writer.WriteBits((ulong)value, width);
                return;
            }
        }

        writer.WriteBits((1UL << (_widths.Length + 1)) - 1, _widths.Length + 1);
        writer.WriteBits((ulong)value, 64);
    }

    public long Read(ref BitReader reader)
    {
        for (var i = 0; i <= _widths.Length; i++)
        {
            if (!reader.ReadBit())
            {
                return i == 0 ? 0 : reader.ReadSigned(_widths[i - 1]);
            }
        }

        return reader.ReadSigned(64);
    }

    /// <summary>How many bits <see cref="Write"/> would take for <paramref name="value"/>.</summary>
    public int Cost(long value)
    {
        if (value == 0)
        {
            return 1;
        }

        for (var i = 0; i < _widths.Length; i++)
        {
            var limit = 1L << (_widths[i] - 1);
            if (value >= -limit && value < limit)
            {
                return i + 2 + _widths[i];
            }
        }

        return _widths.Length + 1 + 64;
    }
}
