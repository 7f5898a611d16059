namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// The chunks a <see cref="PostgresChunkStore"/> holds until they are committed: in the order added (a flush takes the
/// oldest first) and by series (a read looks at one series' chunks only, not at a queue that may hold millions while
/// PostgreSQL is down). Thread-safe; its size is bounded by the head, which stops writing past a pending-bytes limit.
/// </summary>
internal sealed class ChunkQueue
{
    private readonly Lock _lock = new();
    private readonly Queue<QueuedChunk> _order = new();
    private readonly Dictionary<ulong, Queue<QueuedChunk>> _bySeries = [];
    private long _lastSequence;
    private long _bytes;

    public long PendingBytes => Volatile.Read(ref _bytes);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>The sequence number of the newest chunk added so far (0 when none was).</summary>
    public long LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _lastSequence;
            }
        }
    }

    public void Enqueue(Func<long, QueuedChunk> create)
    {
        lock (_lock)
        {
            var chunk = create(++_lastSequence);
            _order.Enqueue(chunk);
            if (!_bySeries.TryGetValue(chunk.Chunk.SeriesRef, out var series))
            {
                _bySeries[chunk.Chunk.SeriesRef] = series = new Queue<QueuedChunk>();
            }

            series.Enqueue(chunk);
            Interlocked.Add(ref _bytes, chunk.Chunk.Data.Length);
        }
    }

    /// <summary>
    /// The oldest chunks up to sequence <paramref name="upTo"/>: at least one when any is left, then as many as fit in
    /// <paramref name="maxBytes"/>. They stay queued until <see cref="RemoveOldest"/>.
    /// </summary>
    public List<QueuedChunk> PeekOldest(long upTo, long maxBytes)
    {
        var batch = new List<QueuedChunk>();
        var bytes = 0L;
        lock (_lock)
        {
            foreach (var chunk in _order)
            {
                if (chunk.Sequence > upTo || (batch.Count > 0 && bytes + chunk.Chunk.Data.Length > maxBytes))
                {
                    break;
                }

                batch.Add(chunk);
                bytes += chunk.Chunk.Data.Length;
            }
        }

        return batch;
    }

    /// <summary>Removes the <paramref name="count"/> oldest chunks (those a committed flush wrote).</summary>
    public void RemoveOldest(int count)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                var chunk = _order.Dequeue();
                var series = _bySeries[chunk.Chunk.SeriesRef];

                // A series' chunks are queued in the global order, so the oldest of all is the oldest of its series.
                series.Dequeue();
                if (series.Count == 0)
                {
                    _bySeries.Remove(chunk.Chunk.SeriesRef);
                }

                Interlocked.Add(ref _bytes, -chunk.Chunk.Data.Length);
            }
        }
    }

    /// <summary>The queued chunks of a series that overlap [<paramref name="minT"/>, <paramref name="maxT"/>], in the order added.</summary>
    public List<QueuedChunk> Overlapping(ulong seriesRef, long minT, long maxT)
    {
        var found = new List<QueuedChunk>();
        lock (_lock)
        {
            if (_bySeries.TryGetValue(seriesRef, out var series))
            {
                foreach (var chunk in series)
                {
                    if (chunk.Chunk.MaxTimestamp >= minT && chunk.Chunk.MinTimestamp <= maxT)
                    {
                        found.Add(chunk);
                    }
                }
            }
        }

        return found;
    }
}
