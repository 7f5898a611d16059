namespace DeepSeek.Observe.Storage.Chunks;

/// <summary>Reads bit fields written by <see cref="BitWriter"/>; reading past the end throws <see cref="InvalidDataException"/>.</summary>
internal ref struct BitReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public bool ReadBit()
    {
        if (_position >= _data.Length << 3)
        {
            throw new InvalidDataException("chunk ends in the middle of a sample");
        }

        var bit = (_data[_position >> 3] & (0x80 >> (_position & 7))) != 0;
        _position++;
        return bit;
    }

    /// <summary>Reads <paramref name="count"/> bits (0..64) as an unsigned value.</summary>
    public ulong ReadBits(int count)
    {
        if (_position + count > _data.Length << 3)
        {
            throw new InvalidDataException("chunk ends in the middle of a sample");
        }

        var value = 0UL;
        while (count > 0)
        {
            var bitInByte = _position & 7;
            var available = 8 - bitInByte;
            var take = Math.Min(available, count);
            var bits = (ulong)((_data[_position >> 3] >> (available - take)) & ((1 << take) - 1));
            value = (value << take) | bits;
            _position += take;
            count -= take;
        }

        return value;
    }

    /// <summary>Reads a <paramref name="count"/>-bit two's complement value.</summary>
    public long ReadSigned(int count)
    {
        var raw = ReadBits(count);
        return count == 64 ? (long)raw : (long)(raw << (64 - count)) >> (64 - count);
    }
}
