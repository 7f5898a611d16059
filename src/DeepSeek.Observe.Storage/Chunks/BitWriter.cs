namespace DeepSeek.Observe.Storage.Chunks;

/// <summary>Appends bit fields, most significant bit first, to a growable byte buffer.</summary>
internal sealed class BitWriter
{
    private byte[] _buffer;
    private int _bitLength;

    public BitWriter(int initialBytes = 32) => _buffer = new byte[Math.Max(initialBytes, 8)];

    /// <summary>Bits written so far.</summary>
    public int BitLength => _bitLength;

    /// <summary>Bytes the bits written so far occupy.</summary>
    public int ByteLength => (_bitLength + 7) >> 3;

    /// <summary>The written bytes (the last one zero-padded).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, ByteLength);

    public void WriteBit(bool bit)
    {
        EnsureRoom(1);
        if (bit)
        {
            _buffer[_bitLength >> 3] |= (byte)(0x80 >> (_bitLength & 7));
        }

        _bitLength++;
    }

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/> (0..64).</summary>
    public void WriteBits(ulong value, int count)
    {
        if (count == 0)
        {
            return;
        }

        EnsureRoom(count);
        if (count < 64)
        {
            value &= (1UL << count) - 1;
        }

        // Fill the current partial byte, then whole bytes, then the remainder.
        while (count > 0)
        {
            var bitInByte = _bitLength & 7;
            var room = 8 - bitInByte;
            var take = Math.Min(room, count);
            var chunk = (byte)((value >> (count - take)) & ((1UL << take) - 1));
            _buffer[_bitLength >> 3] |= (byte)(chunk << (room - take));
            _bitLength += take;
            count -= take;
        }
    }

    private void EnsureRoom(int bits)
    {
        var needed = (_bitLength + bits + 7) >> 3;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
