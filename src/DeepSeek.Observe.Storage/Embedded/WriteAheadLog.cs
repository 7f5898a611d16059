using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// Numbered segment files (<c>wal/00000000</c>, …) of length-prefixed, CRC-checked records. Opening replays every
/// intact record and repairs a torn tail, as Prometheus does: everything after the first bad record is dropped,
/// which can only be a write that was never acknowledged (acknowledgement follows fsync). The log store also reads
/// records back by position and retires whole segments, so segments double as its storage layout.
/// </summary>
internal sealed partial class WriteAheadLog : IDisposable
{
    private const int SegmentNameDigits = 8;

    private readonly string _directory;
    private readonly long _segmentSize;
    private FileStream _segment;
    private int _segmentIndex;

    private WriteAheadLog(string directory, long segmentSize, int segmentIndex)
    {
        _directory = directory;
        _segmentSize = segmentSize;
        _segmentIndex = segmentIndex;
        _segment = OpenForAppend(segmentIndex);
    }

    /// <summary>The segment being appended to; every lower-numbered one is complete.</summary>
    public int ActiveSegment => Volatile.Read(ref _segmentIndex);

    /// <summary>Replays the log into <paramref name="replay"/>, repairs it, and opens it for appending.</summary>
    public static WriteAheadLog Open(string directory, long segmentSize, Action<ReadOnlySpan<byte>> replay, ILogger logger) =>
        Open(directory, segmentSize, (_, payload) => replay(payload), logger);

    /// <summary>Replays the log, telling <paramref name="replay"/> where each record is, repairs it, and opens it for appending.</summary>
    public static WriteAheadLog Open(string directory, long segmentSize, Action<WalPosition, ReadOnlySpan<byte>> replay, ILogger logger)
    {
        Directory.CreateDirectory(directory);
        var segments = Directory.EnumerateFiles(directory)
            .Select(path => (Path: path, Index: ParseIndex(Path.GetFileName(path))))
            .Where(s => s.Index >= 0)
            .OrderBy(s => s.Index)
            .ToList();

        for (var i = 0; i < segments.Count; i++)
        {
            var (path, index) = segments[i];
            var bytes = File.ReadAllBytes(path);
            var good = ReplaySegment(bytes, index, replay, out var records);
            if (good == bytes.Length)
            {
                continue;
            }

            // A bad record: keep what precedes it, drop the rest of this segment and every later one.
            LogRepaired(logger, path, good, bytes.Length - good, records, segments.Count - i - 1);
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
            {
                file.SetLength(good);
                file.Flush(flushToDisk: true);
            }

            foreach (var later in segments.Skip(i + 1))
            {
                File.Delete(later.Path);
            }

            segments = segments.Take(i + 1).ToList();
            break;
        }

        return new WriteAheadLog(directory, segmentSize, segments.Count == 0 ? 0 : segments[^1].Index);
    }

    /// <summary>Fills in the header (length, CRC32 of the payload) of a record whose payload follows <see cref="WalRecord.HeaderSize"/> bytes.</summary>
    public static void Seal(Span<byte> record)
    {
        var payload = record[WalRecord.HeaderSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32.HashToUInt32(payload));
    }

    /// <summary>Appends a sealed record to the page cache; durable only after <see cref="Sync"/>. Returns where it starts.</summary>
    public WalPosition Write(byte[] record)
    {
        var position = new WalPosition(_segmentIndex, _segment.Position);
        _segment.Write(record);
        return position;
    }

    /// <summary>
    /// Reads back the payload of the durable record at <paramref name="position"/>, checking its CRC; null when its
    /// segment is gone (retention removed it meanwhile). Safe beside the writer: it only reads synced bytes.
    /// </summary>
    public byte[]? Read(WalPosition position)
    {
        try
        {
            using var file = new FileStream(SegmentPath(position.Segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            file.Position = position.Offset;
            Span<byte> header = stackalloc byte[WalRecord.HeaderSize];
            file.ReadExactly(header);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (length > WalRecord.MaxPayloadSize)
            {
                throw new InvalidDataException($"WAL record at {position} has an impossible length {length}");
            }

            var payload = new byte[length];
            file.ReadExactly(payload);
            return Crc32.HashToUInt32(payload) == BinaryPrimitives.ReadUInt32LittleEndian(header[4..])
                ? payload
                : throw new InvalidDataException($"WAL record at {position} fails its CRC check");
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Deletes a complete segment (never the active one), e.g. once retention has passed it.</summary>
    public void DeleteSegment(int index)
    {
        if (index >= ActiveSegment)
        {
            throw new InvalidOperationException($"segment {index} is still being written");
        }

        File.Delete(SegmentPath(index));
    }

    /// <summary>Makes everything written so far durable, then starts a new segment if this one is full.</summary>
    public void Sync()
    {
        _segment.Flush(flushToDisk: true);
        if (_segment.Length >= _segmentSize)
        {
            _segment.Dispose();
            _segment = OpenForAppend(_segmentIndex + 1);
            Volatile.Write(ref _segmentIndex, _segmentIndex + 1);
        }
    }

    public void Dispose() => _segment.Dispose();

    private static long ReplaySegment(byte[] bytes, int segment, Action<WalPosition, ReadOnlySpan<byte>> replay, out int records)
    {
        records = 0;
        var offset = 0;
        while (offset + WalRecord.HeaderSize <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (length > WalRecord.MaxPayloadSize || offset + WalRecord.HeaderSize + (long)length > bytes.Length)
            {
                break;
            }

            var payload = bytes.AsSpan(offset + WalRecord.HeaderSize, (int)length);
            if (Crc32.HashToUInt32(payload) != crc)
            {
                break;
            }

            try
            {
                replay(new WalPosition(segment, offset), payload);
            }
            catch (InvalidDataException)
            {
                break;
            }

            records++;
            offset += WalRecord.HeaderSize + (int)length;
        }

        return offset;
    }

    private static int ParseIndex(string name) =>
        name.Length == SegmentNameDigits && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;

    private string SegmentPath(int index) => Path.Combine(_directory, index.ToString("D8", CultureInfo.InvariantCulture));

    private FileStream OpenForAppend(int index)
    {
        var stream = new FileStream(SegmentPath(index), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "WAL segment {Segment} was torn or corrupt after {GoodBytes} bytes ({Records} good records): dropped {BadBytes} bytes and {LaterSegments} later segment(s)")]
    private static partial void LogRepaired(ILogger logger, string segment, long goodBytes, long badBytes, int records, int laterSegments);
}
