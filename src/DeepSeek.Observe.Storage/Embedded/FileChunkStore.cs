using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Binary;
using DeepSeek.Observe.Storage.Chunks;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The embedded home of sealed chunks: numbered segment files (<c>chunks/00000000</c>, …) of framed records
/// <c>ref:varint minT:zigzag-varint (maxT - minT):varint chunk</c>, appended in the order chunks are sealed, with an
/// in-memory index per series. Retention deletes whole segments once all their chunks have expired; compaction
/// rewrites a segment whose chunks are mostly expired. A torn tail (crash before a flush) is cut off at open: those
/// chunks are still in the write-ahead log, which is only truncated after <see cref="FlushAsync"/>.
/// </summary>
internal sealed partial class FileChunkStore(string directory, long segmentBytes, ILogger logger) : IChunkStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, List<ChunkEntry>> _index = [];
    private readonly Dictionary<int, Segment> _segments = [];
    private readonly List<ChunkEntry> _queued = [];
    private long _queuedBytes;
    private const string CutoffFileName = "retention-cutoff";

    private int _activeIndex = -1;
    private long _cutoff = long.MinValue;

    public long PendingBytes => Interlocked.Read(ref _queuedBytes);

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var cutoffPath = Path.Combine(directory, CutoffFileName);
        if (File.Exists(cutoffPath) && long.TryParse(File.ReadAllText(cutoffPath), System.Globalization.CultureInfo.InvariantCulture, out var cutoff))
        {
            _cutoff = cutoff;
        }

        var files = Directory.EnumerateFiles(directory)
            .Select(path => (Path: path, Index: SegmentFiles.ParseIndex(Path.GetFileName(path))))
            .Where(f => f.Index >= 0)
            .OrderBy(f => f.Index)
            .ToList();
        foreach (var (path, index) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LoadSegment(path, index);
        }

        _activeIndex = files.Count == 0 ? 0 : files[^1].Index;
        SegmentFor(_activeIndex);
        return Task.CompletedTask;
    }

    public long PersistedMaxTimestamp(ulong seriesRef, LabelSet labels)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(seriesRef, out var chunks))
            {
                for (var i = chunks.Count - 1; i >= 0; i--)
                {
                    if (chunks[i].Data is null)
                    {
                        return chunks[i].MaxTimestamp;
                    }
                }
            }

            return long.MinValue;
        }
    }

    public void Add(SealedChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var entry = new ChunkEntry(chunk.SeriesRef, chunk.MinTimestamp, chunk.MaxTimestamp) { Data = chunk.Data };
        lock (_lock)
        {
            IndexOf(chunk.SeriesRef).Add(entry);
            _queued.Add(entry);
        }

        Interlocked.Add(ref _queuedBytes, chunk.Data.Length);
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        List<ChunkEntry> batch;
        lock (_lock)
        {
            batch = [.. _queued];
        }

        if (batch.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Opened per flush (flushes are rare: one per checkpoint), so a broken directory surfaces here as an error
        // the caller retries, and nothing holds a write handle between flushes.
        var path = SegmentFiles.PathOf(directory, _activeIndex);
        FileStream active;
        try
        {
            Directory.CreateDirectory(directory);
            active = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ChunkStoreUnavailableException($"cannot open chunk segment {path}: {ex.Message}", ex);
        }

        var placed = new List<(ChunkEntry Entry, long Offset, int Length)>(batch.Count);
        long segmentLength;
        using (active)
        {
            var start = active.Seek(0, SeekOrigin.End);
            try
            {
                foreach (var entry in batch)
                {
                    var record = Encode(entry);
                    var dataOffset = active.Position + record.Length - entry.Data!.Length;
                    active.Write(record);
                    placed.Add((entry, dataOffset, entry.Data.Length));
                }

                active.Flush(flushToDisk: true);
            }
            catch (IOException ex)
            {
                // Leave no half-written records behind: the next flush appends after the last good one.
                active.SetLength(start);
                throw new ChunkStoreUnavailableException($"cannot write chunk segment {path}: {ex.Message}", ex);
            }

            segmentLength = active.Length;
        }

        lock (_lock)
        {
            var segment = SegmentFor(_activeIndex);
            segment.Length = segmentLength;
            foreach (var (entry, offset, length) in placed)
            {
                entry.Segment = _activeIndex;
                entry.Offset = offset;
                entry.Length = length;
                entry.Data = null;
                segment.MaxTimestamp = Math.Max(segment.MaxTimestamp, entry.MaxTimestamp);
            }

            _queued.RemoveRange(0, batch.Count);
            Interlocked.Add(ref _queuedBytes, -placed.Sum(p => p.Length));
            if (segmentLength >= segmentBytes)
            {
                SegmentFor(++_activeIndex);
            }
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<byte[]> Read(ulong seriesRef, LabelSet labels, long minT, long maxT)
    {
        var result = new List<byte[]>();
        lock (_lock)
        {
            if (!_index.TryGetValue(seriesRef, out var chunks))
            {
                return result;
            }

            foreach (var entry in chunks)
            {
                if (entry.MaxTimestamp < minT || entry.MinTimestamp > maxT)
                {
                    continue;
                }

                if (entry.Data is { } queued)
                {
                    result.Add(queued);
                    continue;
                }

                var buffer = new byte[entry.Length];
                RandomAccess.Read(SegmentFor(entry.Segment).Handle(directory), buffer, entry.Offset);
                result.Add(buffer);
            }
        }

        return result;
    }

    public async Task DeleteBeforeAsync(long cutoffMs, CancellationToken cancellationToken)
    {
        List<string> deleted = [];

        // Remembered, so that chunks it removes from segments that must stay (they hold newer chunks too) do not
        // come back at the next start.
        var cutoffPath = Path.Combine(directory, CutoffFileName);
        File.WriteAllText(cutoffPath + ".tmp", cutoffMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(cutoffPath + ".tmp", cutoffPath, overwrite: true);
        lock (_lock)
        {
            _cutoff = Math.Max(_cutoff, cutoffMs);
            foreach (var (series, chunks) in _index)
            {
                chunks.RemoveAll(c => c.Data is null && c.MaxTimestamp < cutoffMs);
            }

            foreach (var empty in _index.Where(e => e.Value.Count == 0).Select(e => e.Key).ToList())
            {
                _index.Remove(empty);
            }

            foreach (var (index, segment) in _segments.Where(s => s.Key != _activeIndex && s.Value.MaxTimestamp < cutoffMs).ToList())
            {
                segment.Dispose();
                _segments.Remove(index);
                deleted.Add(SegmentFiles.PathOf(directory, index));
            }
        }

        foreach (var path in deleted)
        {
            File.Delete(path);
            LogSegmentExpired(logger, path);
        }

        await CompactAsync(cancellationToken);
    }

    /// <summary>
    /// Rewrites segments that retention has left mostly empty (chunks of series that outlived their neighbours):
    /// their live chunks are appended to the active segment, made durable, and only then is the old file deleted. A
    /// crash in between leaves a chunk twice, which loading tolerates.
    /// </summary>
    private async Task CompactAsync(CancellationToken cancellationToken)
    {
        List<(int Index, List<ChunkEntry> Live)> sparse;
        lock (_lock)
        {
            var live = _index.Values.SelectMany(c => c).Where(c => c.Data is null).GroupBy(c => c.Segment).ToDictionary(g => g.Key, g => g.ToList());
            sparse = _segments
                .Where(s => s.Key != _activeIndex && s.Value.Length > 0
                    && live.GetValueOrDefault(s.Key)?.Sum(c => (long)c.Length) * 2 < s.Value.Length)
                .Select(s => (s.Key, live.GetValueOrDefault(s.Key) ?? []))
                .ToList();
        }

        foreach (var (index, chunks) in sparse)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_lock)
            {
                // Queued again with their bytes: readers use those until the flush has placed them anew.
                var handle = SegmentFor(index).Handle(directory);
                foreach (var chunk in chunks)
                {
                    var data = new byte[chunk.Length];
                    RandomAccess.Read(handle, data, chunk.Offset);
                    chunk.Data = data;
                    _queued.Add(chunk);
                    Interlocked.Add(ref _queuedBytes, data.Length);
                }
            }

            await FlushAsync(cancellationToken);
            lock (_lock)
            {
                _segments[index].Dispose();
                _segments.Remove(index);
            }

            var path = SegmentFiles.PathOf(directory, index);
            File.Delete(path);
            LogCompacted(logger, path, chunks.Count);
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            foreach (var segment in _segments.Values)
            {
                segment.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private static byte[] Encode(ChunkEntry entry)
    {
        var data = entry.Data!;
        Span<byte> header = stackalloc byte[3 * Varint.MaxLength];
        var length = Varint.Write(header, entry.SeriesRef);
        length += Varint.Write(header[length..], Varint.ZigZag(entry.MinTimestamp));
        length += Varint.Write(header[length..], (ulong)(entry.MaxTimestamp - entry.MinTimestamp));
        var record = new byte[RecordFrame.HeaderSize + length + data.Length];
        header[..length].CopyTo(record.AsSpan(RecordFrame.HeaderSize));
        data.CopyTo(record.AsSpan(RecordFrame.HeaderSize + length));
        RecordFrame.Seal(record);
        return record;
    }

    private void LoadSegment(string path, int index)
    {
        var bytes = File.ReadAllBytes(path);
        var segment = SegmentFor(index);
        var offset = 0L;
        while (RecordFrame.TryRead(bytes, offset, out var payload))
        {
            var position = 0;
            var reference = Varint.ReadAt(payload, ref position);
            var minT = Varint.UnZigZag(Varint.ReadAt(payload, ref position));
            var maxT = minT + (long)Varint.ReadAt(payload, ref position);
            var chunks = IndexOf(reference);

            // A chunk retention already removed from a segment that still holds newer ones stays removed. Compaction
            // moves old chunks into newer segments, so a series' chunks are kept in time order, not file order, and a
            // chunk met twice (a crash during compaction) is kept once.
            var at = chunks.FindLastIndex(c => c.MinTimestamp <= minT) + 1;
            var overlaps = (at > 0 && chunks[at - 1].MaxTimestamp >= minT) || (at < chunks.Count && chunks[at].MinTimestamp <= maxT);
            if (maxT >= _cutoff && !overlaps)
            {
                chunks.Insert(at, new ChunkEntry(reference, minT, maxT)
                {
                    Segment = index,
                    Offset = offset + RecordFrame.HeaderSize + position,
                    Length = payload.Length - position,
                });
                segment.MaxTimestamp = Math.Max(segment.MaxTimestamp, maxT);
            }

            offset += RecordFrame.HeaderSize + payload.Length;
        }

        if (offset < bytes.Length)
        {
            LogTornTail(logger, path, offset, bytes.Length - offset);
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
            file.SetLength(offset);
            file.Flush(flushToDisk: true);
        }

        segment.Length = offset;
    }

    private List<ChunkEntry> IndexOf(ulong seriesRef)
    {
        if (!_index.TryGetValue(seriesRef, out var chunks))
        {
            _index[seriesRef] = chunks = [];
        }

        return chunks;
    }

    private Segment SegmentFor(int index)
    {
        if (!_segments.TryGetValue(index, out var segment))
        {
            _segments[index] = segment = new Segment(index);
        }

        return segment;
    }

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "Chunk segment {Segment} has a torn tail after {GoodBytes} bytes: dropped {BadBytes} bytes (still in the WAL)")]
    private static partial void LogTornTail(ILogger logger, string segment, long goodBytes, long badBytes);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Information, Message = "Compacted chunk segment {Segment}: moved its {Chunks} live chunks to the active segment")]
    private static partial void LogCompacted(ILogger logger, string segment, int chunks);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Information, Message = "Deleted chunk segment {Segment}: every chunk in it is past retention")]
    private static partial void LogSegmentExpired(ILogger logger, string segment);

    private sealed class ChunkEntry(ulong seriesRef, long minTimestamp, long maxTimestamp)
    {
        public ulong SeriesRef { get; } = seriesRef;

        public long MinTimestamp { get; } = minTimestamp;

        public long MaxTimestamp { get; } = maxTimestamp;

        /// <summary>The chunk while it is queued; null once it is on disk at <see cref="Segment"/>/<see cref="Offset"/>.</summary>
        public byte[]? Data { get; set; }

        public int Segment { get; set; }

        public long Offset { get; set; }

        public int Length { get; set; }
    }

    private sealed class Segment(int index) : IDisposable
    {
        private SafeFileHandle? _handle;

        public long Length { get; set; }

        public long MaxTimestamp { get; set; } = long.MinValue;

        /// <summary>A read handle, opened on first use and kept: reads are positional, so one handle serves every reader.</summary>
        public SafeFileHandle Handle(string directory) =>
            _handle ??= File.OpenHandle(SegmentFiles.PathOf(directory, index), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        public void Dispose() => _handle?.Dispose();
    }
}
