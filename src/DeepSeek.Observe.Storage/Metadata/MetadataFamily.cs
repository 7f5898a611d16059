using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Storage.Metadata;

/// <summary>
/// The distinct metadata entries of one family, each with when it was last seen (a store-wide sequence number, not a
/// clock: only the order matters). Senders repeat metadata every minute, so a full family evicts the stalest entry.
/// </summary>
internal sealed class MetadataFamily
{
    private readonly List<(MetricMetadata Entry, long LastSeen)> _entries = new(1);

    public void Record(MetricMetadata entry, long sequence, int maxEntries)
    {
        lock (_entries)
        {
            var stalest = 0;
            for (var i = 0; i < _entries.Count; i++)
            {
                var existing = _entries[i].Entry;
                if (existing.Type == entry.Type && string.Equals(existing.Help, entry.Help, StringComparison.Ordinal)
                    && string.Equals(existing.Unit, entry.Unit, StringComparison.Ordinal))
                {
                    _entries[i] = (existing, sequence);
                    return;
                }

                stalest = _entries[i].LastSeen < _entries[stalest].LastSeen ? i : stalest;
            }

            if (_entries.Count < maxEntries)
            {
                _entries.Add((entry, sequence));
            }
            else
            {
                _entries[stalest] = (entry, sequence);
            }
        }
    }

    /// <summary>At most <paramref name="limit"/> entries, in the order they were first kept.</summary>
    public IReadOnlyList<MetricMetadata> Snapshot(int limit)
    {
        lock (_entries)
        {
            var count = Math.Min(limit, _entries.Count);
            var result = new MetricMetadata[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = _entries[i].Entry;
            }

            return result;
        }
    }
}
