using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The in-memory index of every series: by fingerprint (to find a series from its labels), by reference (to replay
/// the WAL) and by label name/value (postings, to select series without scanning all of them).
/// </summary>
internal sealed class Head
{
    private readonly Lock _lock = new();
    private readonly LabelIndex<MemSeries> _index = new(series => series.Labels);
    private readonly Dictionary<ulong, MemSeries> _byRef = [];

    /// <summary>The next unused series reference; references are never reused.</summary>
    public ulong NextRef { get; set; } = 1;

    public int SeriesCount
    {
        get
        {
            lock (_lock)
            {
                return _byRef.Count;
            }
        }
    }

    public MemSeries? Find(LabelSet labels)
    {
        lock (_lock)
        {
            return _index.Find(labels);
        }
    }

    public MemSeries? ByRef(ulong reference)
    {
        lock (_lock)
        {
            return _byRef.GetValueOrDefault(reference);
        }
    }

    /// <summary>Adds a series to every index.</summary>
    public void Add(MemSeries series)
    {
        lock (_lock)
        {
            _byRef.Add(series.Ref, series);
            _index.Add(series);
            NextRef = Math.Max(NextRef, series.Ref + 1);
        }
    }

    /// <summary>Every series, for checkpoints and retention.</summary>
    public List<MemSeries> All()
    {
        lock (_lock)
        {
            return [.. _byRef.Values];
        }
    }

    /// <summary>Removes a series from every index (retention); its reference is never reused.</summary>
    public void Remove(MemSeries series)
    {
        lock (_lock)
        {
            if (_byRef.Remove(series.Ref))
            {
                _index.Remove(series);
            }
        }
    }

    /// <summary>Series satisfying every matcher (at least one matcher must not match the empty value, as in Prometheus).</summary>
    public List<MemSeries> Select(IReadOnlyList<LabelMatcher> matchers)
    {
        lock (_lock)
        {
            return _index.Select(matchers);
        }
    }
}
