using System.Buffers.Binary;
using System.IO.Hashing;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The framing every file of the embedded store uses for its records (log segments, chunk segments):
/// <c>length:u32 crc32:u32 payload[length]</c>, little-endian, the CRC over the payload. A frame that does not check
/// out marks where a torn or corrupt tail begins.
/// </summary>
internal static class RecordFrame
{
    public const int HeaderSize = 8;

    /// <summary>Payloads larger than this are corruption, not data.</summary>
    public const int MaxPayloadSize = 256 * 1024 * 1024;

    /// <summary>Fills the header in front of a payload that occupies <paramref name="record"/>[<see cref="HeaderSize"/>..].</summary>
    public static void Seal(Span<byte> record)
    {
        var payload = record[HeaderSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32.HashToUInt32(payload));
    }

    /// <summary>Reads the frame at <paramref name="offset"/>; false at the end of the data or at a bad frame.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, long offset, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (offset + HeaderSize > data.Length)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(data[(int)offset..]);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(data[((int)offset + 4)..]);
        if (length > MaxPayloadSize || offset + HeaderSize + (long)length > data.Length)
        {
            return false;
        }

        payload = data.Slice((int)offset + HeaderSize, (int)length);
        return Crc32.HashToUInt32(payload) == crc;
    }
}
