using System.Buffers;

namespace DeepSeek.Observe.Core.Binary;

/// <summary>
/// Base-128 varints (protobuf's encoding: seven bits a byte, least significant group first, high bit = more follow)
/// and zig-zag mapping of signed values, shared by the write-ahead log and the wire-format writers.
/// </summary>
public static class Varint
{
    /// <summary>The most bytes a 64-bit varint takes.</summary>
    public const int MaxLength = 10;

    /// <summary>Appends <paramref name="value"/> to <paramref name="writer"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, ulong value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Advance(Write(writer.GetSpan(MaxLength), value));
    }

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, ulong value)
    {
        var length = 0;
        while (value >= 0x80)
        {
            destination[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[length++] = (byte)value;
        return length;
    }

    /// <summary>
    /// Reads a varint from the start of <paramref name="source"/>; <paramref name="length"/> is the bytes it took.
    /// Throws <see cref="InvalidDataException"/> when the input ends first or the varint is over <see cref="MaxLength"/> bytes.
    /// </summary>
    public static ulong Read(ReadOnlySpan<byte> source, out int length)
    {
        ulong value = 0;
        for (var i = 0; i < MaxLength && i < source.Length; i++)
        {
            value |= (ulong)(source[i] & 0x7F) << (7 * i);
            if (source[i] < 0x80)
            {
                length = i + 1;
                return value;
            }
        }

        throw new InvalidDataException(source.Length < MaxLength ? "varint runs past the end of its input" : $"varint longer than {MaxLength} bytes");
    }

    /// <summary>How many bytes <paramref name="value"/> takes.</summary>
    public static int Length(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    /// <summary>Reads a varint at <paramref name="position"/> and advances past it (see <see cref="Read(ReadOnlySpan{byte}, out int)"/>).</summary>
    public static ulong ReadAt(ReadOnlySpan<byte> data, ref int position)
    {
        var value = Read(data[Math.Min(position, data.Length)..], out var length);
        position += length;
        return value;
    }

    /// <summary>Maps signed to unsigned so small magnitudes of either sign stay short (0, -1, 1, -2 → 0, 1, 2, 3).</summary>
    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>The inverse of <see cref="ZigZag"/>.</summary>
    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
