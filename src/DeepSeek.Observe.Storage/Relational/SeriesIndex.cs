using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// What <see cref="PostgresChunkStore"/> knows of <c>observe.series</c>: each series' id and the newest time among its
/// committed chunks, by label hash. Loaded at open for the series that still have chunks (so replay can ask
/// <see cref="Chunks.IChunkStore.PersistedMaxTimestamp"/> without a query per series), grown by flushes, and cleared
/// past its bound: forgetting costs only a re-upsert of the series at its next flush.
/// </summary>
internal sealed class SeriesIndex(int maxEntries)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<UInt128, Entry> _entries = [];
    private bool _complete = true;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Whether every series with committed chunks is here (true until the bound forces a clear), so that a series
    /// missing from the index has no chunks in PostgreSQL and a read of it needs no round trip.
    /// </summary>
    public bool IsComplete
    {
        get
        {
            lock (_lock)
            {
                return _complete;
            }
        }
    }

    /// <summary>
    /// The key of a series: the first 128 bits of its SHA-256, a collision chance of about n²/2¹²⁹ (10⁻²⁵ for five
    /// million series), where a 64-bit fingerprint would give 10⁻⁶.
    /// </summary>
    public static UInt128 KeyOf(byte[] seriesHash) => BinaryPrimitives.ReadUInt128LittleEndian(seriesHash);

    public bool TryGet(UInt128 key, out long id, out long maxTime)
    {
        lock (_lock)
        {
            var found = _entries.TryGetValue(key, out var entry);
            (id, maxTime) = found ? (entry.Id, entry.MaxTime) : (0, long.MinValue);
            return found;
        }
    }

    /// <summary>Records a series' id and committed max time (never moving the time backwards).</summary>
    public void Set(UInt128 key, long id, long maxTime)
    {
        lock (_lock)
        {
            if (_entries.Count >= maxEntries && !_entries.ContainsKey(key))
            {
                _entries.Clear();
                _complete = false;
            }

            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out var existed);
            entry = new Entry(id, existed ? Math.Max(entry.MaxTime, maxTime) : maxTime);
        }
    }

    private readonly record struct Entry(long Id, long MaxTime);
}
