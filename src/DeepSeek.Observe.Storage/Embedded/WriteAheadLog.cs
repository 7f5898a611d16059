using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// Numbered segment files (<c>wal/00000000</c>, …) of length-prefixed, CRC-checked records. Opening replays every
/// intact record and repairs a torn tail, as Prometheus does: everything after the first bad record is dropped,
/// which can only be a write that was never acknowledged (acknowledgement follows fsync). A checkpoint makes the
/// segments it covers redundant; they are then deleted (<see cref="TruncateThrough"/>) so the log stays small. The
/// log store also reads records back by position and retires whole segments, so segments double as its storage.
/// </summary>
internal sealed partial class WriteAheadLog : IDisposable
{
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

    /// <summary>Replays the whole log into <paramref name="replay"/>, repairs it, and opens it for appending.</summary>
    public static WriteAheadLog Open(string directory, long segmentSize, Action<WalPosition, ReadOnlySpan<byte>> replay, ILogger logger) =>
        Open(directory, segmentSize, -1, replay, logger);

    /// <summary>
    /// Replays the segments after <paramref name="checkpointedThrough"/> into <paramref name="replay"/>, telling it
    /// where each record is, repairs the log, and opens it for appending. Segments a checkpoint already covers (left
    /// by a crash before they were deleted) are deleted now.
    /// </summary>
    public static WriteAheadLog Open(
        string directory, long segmentSize, int checkpointedThrough, Action<WalPosition, ReadOnlySpan<byte>> replay, ILogger logger)
    {
        Directory.CreateDirectory(directory);
        var all = Directory.EnumerateFiles(directory)
            .Select(path => (Path: path, Index: SegmentFiles.ParseIndex(Path.GetFileName(path))))
            .Where(s => s.Index >= 0)
            .OrderBy(s => s.Index)
            .ToList();
        foreach (var covered in all.Where(s => s.Index <= checkpointedThrough))
        {
            File.Delete(covered.Path);
        }

        var segments = all.Where(s => s.Index > checkpointedThrough).ToList();

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

        return new WriteAheadLog(directory, segmentSize, segments.Count == 0 ? checkpointedThrough + 1 : segments[^1].Index);
    }

    /// <summary>Bytes written since the log was opened or last rotated by <see cref="Rotate"/>, i.e. what a checkpoint would free.</summary>
    public long BytesSinceRotate { get; private set; }

    /// <summary>
    /// Ends the current segment (durably) and starts the next, so that everything written so far lies in segments up
    /// to the returned index, which a checkpoint can then cover.
    /// </summary>
    public int Rotate()
    {
        _segment.Flush(flushToDisk: true);
        _segment.Dispose();
        var closed = _segmentIndex;
        _segment = OpenForAppend(closed + 1);
        Volatile.Write(ref _segmentIndex, closed + 1);
        BytesSinceRotate = 0;
        return closed;
    }

    /// <summary>Deletes every segment up to and including <paramref name="index"/>; a checkpoint holds their content.</summary>
    public void TruncateThrough(int index)
    {
        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            var segment = SegmentFiles.ParseIndex(Path.GetFileName(path));
            if (segment >= 0 && segment <= index)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Appends a sealed record to the page cache; durable only after <see cref="Sync"/>. Returns where it starts.</summary>
    public WalPosition Write(byte[] record)
    {
        var position = new WalPosition(_segmentIndex, _segment.Position);
        _segment.Write(record);
        BytesSinceRotate += record.Length;
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
            Span<byte> header = stackalloc byte[RecordFrame.HeaderSize];
            file.ReadExactly(header);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (length > RecordFrame.MaxPayloadSize)
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
        var offset = 0L;
        while (RecordFrame.TryRead(bytes, offset, out var payload))
        {
            try
            {
                replay(new WalPosition(segment, offset), payload);
            }
            catch (InvalidDataException)
            {
                break;
            }

            records++;
            offset += RecordFrame.HeaderSize + payload.Length;
        }

        return offset;
    }

    private string SegmentPath(int index) => SegmentFiles.PathOf(_directory, index);

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
