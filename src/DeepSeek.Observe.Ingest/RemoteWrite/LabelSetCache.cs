using System.IO.Hashing;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Ingest.RemoteWrite;

/// <summary>
/// Label sets already seen, keyed by the exact wire bytes of their labels. A Prometheus sender repeats the same
/// series every scrape, so almost every series of a request is a hit: no strings are decoded, nothing is sorted,
/// validated or hashed again, and the store receives the very instance it already holds (equality by reference).
/// Bounded: when full it is cleared and refills with what is current (series churn is what makes it full).
/// </summary>
internal sealed class LabelSetCache(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, (byte[] Raw, LabelSet Labels)> _entries = new(Math.Min(capacity, 1 << 16));

    public bool TryGet(ReadOnlySpan<byte> raw, out ulong hash, out LabelSet labels)
    {
        hash = XxHash3.HashToUInt64(raw);
        lock (_lock)
        {
            if (_entries.TryGetValue(hash, out var entry) && raw.SequenceEqual(entry.Raw))
            {
                labels = entry.Labels;
                return true;
            }
        }

        labels = LabelSet.Empty;
        return false;
    }

    public void Add(ulong hash, ReadOnlySpan<byte> raw, LabelSet labels)
    {
        lock (_lock)
        {
            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }

            _entries[hash] = (raw.ToArray(), labels);
        }
    }
}
