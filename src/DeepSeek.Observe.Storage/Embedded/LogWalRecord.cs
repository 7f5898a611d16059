using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Binary;
using DeepSeek.Observe.Core.Logs;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The log store's record: one accepted write, so a torn record at a crash loses exactly the write that was never
/// acknowledged. Streams carry their full labels (no references to earlier records), so any record can be read on
/// its own by position and whole segments can be deleted by retention without breaking later ones.
/// <code>
/// record  = length:u32 crc32:u32 payload[length]                     (framing of <see cref="WriteAheadLog"/>)
/// payload = version:u8 bodyLength:u32 brotli(body)
/// body    = streamCount:varint stream*
/// stream  = labels entryCount:varint entry*
/// entry   = timestampDelta:zigzag-varint line:str metadata           (delta from the previous entry of the stream)
/// labels  = count:varint (name:str value:str)*                        str = byteLength:varint utf8
/// </code>
/// Brotli at quality 1 costs little CPU and shrinks repetitive log text several-fold; the body length lets the
/// decoder size its buffer exactly and reject a record that decompresses to anything else.
/// </summary>
internal static class LogWalRecord
{
    public const byte Version = 1;

    // Brotli's fastest quality and its default window (4 MiB): log batches are small, speed matters more than ratio.
    private const int BrotliQuality = 1;
    private const int BrotliWindow = 22;
    private const int PrefixSize = 5;

    public static byte[] Encode(IReadOnlyList<StreamEntries> batch)
    {
        var body = new ArrayBufferWriter<byte>(4096);
        Varint.Write(body, (ulong)batch.Count);
        foreach (var stream in batch)
        {
            WriteLabels(body, stream.Labels);
            Varint.Write(body, (ulong)stream.Entries.Count);
            var previous = 0L;
            foreach (var entry in stream.Entries)
            {
                Varint.Write(body, Varint.ZigZag(entry.TimestampNs - previous));
                previous = entry.TimestampNs;
                WriteString(body, entry.Line);
                WriteLabels(body, entry.Metadata);
            }
        }

        var record = new byte[WalRecord.HeaderSize + PrefixSize + BrotliEncoder.GetMaxCompressedLength(body.WrittenCount)];
        record[WalRecord.HeaderSize] = Version;
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(WalRecord.HeaderSize + 1), (uint)body.WrittenCount);
        if (!BrotliEncoder.TryCompress(body.WrittenSpan, record.AsSpan(WalRecord.HeaderSize + PrefixSize), out var written, BrotliQuality, BrotliWindow))
        {
            throw new InvalidOperationException("Brotli could not compress a log record into its maximum compressed length");
        }

        Array.Resize(ref record, WalRecord.HeaderSize + PrefixSize + written);
        RecordFrame.Seal(record);
        return record;
    }

    /// <summary>Decodes a payload whose CRC has been checked; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static List<StreamEntries> Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < PrefixSize || payload[0] != Version)
        {
            throw new InvalidDataException($"log record version {(payload.IsEmpty ? -1 : payload[0])} is not supported (this build reads version {Version})");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(payload[1..]);
        if (length > RecordFrame.MaxPayloadSize)
        {
            throw new InvalidDataException($"log record declares an impossible body of {length} bytes");
        }

        var body = new byte[length];
        if (!BrotliDecoder.TryDecompress(payload[PrefixSize..], body, out var written) || written != length)
        {
            throw new InvalidDataException("log record body does not decompress to its declared length");
        }

        var reader = new Reader(body);
        var streams = new List<StreamEntries>();
        for (var count = reader.Count(); count > 0; count--)
        {
            var labels = reader.Labels();
            var remaining = reader.Count();

            // The count is data, not a promise: cap the up-front allocation, the list grows if it is honest.
            var entries = new List<LogEntry>(Math.Min(remaining, 1 << 16));
            var timestamp = 0L;
            for (; remaining > 0; remaining--)
            {
                timestamp += Varint.UnZigZag(reader.Varint());
                entries.Add(new LogEntry(timestamp, reader.String(), reader.Labels()));
            }

            streams.Add(new StreamEntries(labels, entries));
        }

        return streams;
    }

    private static void WriteLabels(ArrayBufferWriter<byte> writer, LabelSet labels)
    {
        Varint.Write(writer, (ulong)labels.Count);
        foreach (var label in labels)
        {
            WriteString(writer, label.Name);
            WriteString(writer, label.Value);
        }
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Varint.Write(writer, (ulong)length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    private ref struct Reader(ReadOnlySpan<byte> span)
    {
        private ReadOnlySpan<byte> _rest = span;

        public ulong Varint()
        {
            var value = Core.Binary.Varint.Read(_rest, out var length);
            _rest = _rest[length..];
            return value;
        }

        public int Count() => checked((int)Varint());

        public string String()
        {
            var length = Count();
            if (length > _rest.Length)
            {
                throw new InvalidDataException("log record ends inside a string");
            }

            var text = Encoding.UTF8.GetString(_rest[..length]);
            _rest = _rest[length..];
            return text;
        }

        public LabelSet Labels()
        {
            var count = Count();
            if (count == 0)
            {
                return LabelSet.Empty;
            }

            var labels = new KeyValuePair<string, string>[count];
            for (var i = 0; i < count; i++)
            {
                labels[i] = KeyValuePair.Create(String(), String());
            }

            return LabelSet.TryCreate(labels, out var set, out var error) ? set : throw new InvalidDataException($"log record has invalid labels: {error}");
        }
    }
}
