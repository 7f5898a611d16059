using Snappier;

namespace DeepSeek.Observe.Ingest.RemoteWrite;

/// <summary>
/// Structural check of a snappy block (https://github.com/google/snappy/blob/main/format_description.txt): its
/// elements must produce exactly the declared length and use up the input exactly. Snappier decompresses fast but
/// stops once the output is full, accepting junk after a complete block; Prometheus's decoder rejects such input,
/// and so do we.
/// </summary>
internal static class SnappyBlock
{
    /// <summary>Decompresses a request body, or throws a 400 (not snappy) or 413 (over <paramref name="limit"/> once decompressed).</summary>
    public static byte[] Decompress(ReadOnlySpan<byte> body, long limit)
    {
        try
        {
            var length = Snappy.GetUncompressedLength(body);
            if (length > limit)
            {
                throw IngestRejectedException.TooLarge($"decompressed body of {length} bytes exceeds the limit of {limit} bytes");
            }

            if (!IsWellFormed(body, length))
            {
                throw IngestRejectedException.BadRequest("body is not snappy block-compressed: its elements do not match its declared length");
            }

            var raw = new byte[length];
            if (Snappy.Decompress(body, raw) != length)
            {
                throw IngestRejectedException.BadRequest("body is not snappy block-compressed: it decompresses to fewer bytes than it declares");
            }

            return raw;
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            throw IngestRejectedException.BadRequest($"body is not snappy block-compressed: {ex.Message}");
        }
    }

    public static bool IsWellFormed(ReadOnlySpan<byte> block, long declaredLength)
    {
        var position = 0;
        while (position < block.Length && block[position] >= 0x80)
        {
            position++;
        }

        position++; // the last byte of the length prefix
        long produced = 0;
        while (position < block.Length)
        {
            var tag = block[position++];
            long length;
            long offset = 0;
            switch (tag & 3)
            {
                case 0:
                    length = (tag >> 2) + 1;
                    if (length > 60)
                    {
                        // 61..64: the length-1 follows in 1..4 little-endian bytes.
                        var bytes = (int)length - 60;
                        if (position + bytes > block.Length)
                        {
                            return false;
                        }

                        length = 0;
                        for (var i = bytes - 1; i >= 0; i--)
                        {
                            length = (length << 8) | block[position + i];
                        }

                        length++;
                        position += bytes;
                    }

                    if (position + length > block.Length)
                    {
                        return false;
                    }

                    position += (int)length;
                    produced += length;
                    continue;
                case 1:
                    if (position + 1 > block.Length)
                    {
                        return false;
                    }

                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | block[position];
                    position += 1;
                    break;
                case 2:
                    if (position + 2 > block.Length)
                    {
                        return false;
                    }

                    length = (tag >> 2) + 1;
                    offset = block[position] | (block[position + 1] << 8);
                    position += 2;
                    break;
                default:
                    if (position + 4 > block.Length)
                    {
                        return false;
                    }

                    length = (tag >> 2) + 1;
                    offset = (long)(block[position] | ((uint)block[position + 1] << 8) | ((uint)block[position + 2] << 16) | ((uint)block[position + 3] << 24));
                    position += 4;
                    break;
            }

            if (offset == 0 || offset > produced)
            {
                return false;
            }

            produced += length;
        }

        return position == block.Length && produced == declaredLength;
    }
}
