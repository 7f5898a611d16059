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
    private readonly Dictionary<ulong, List<MemSeries>> _byFingerprint = [];
    private readonly Dictionary<ulong, MemSeries> _byRef = [];
    private readonly Dictionary<string, Dictionary<string, List<MemSeries>>> _postings = new(StringComparer.Ordinal);

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
            if (_byFingerprint.TryGetValue(labels.Fingerprint, out var candidates))
            {
                foreach (var series in candidates)
                {
                    if (series.Labels.Equals(labels))
                    {
                        return series;
                    }
                }
            }

            return null;
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
            if (!_byFingerprint.TryGetValue(series.Labels.Fingerprint, out var sameHash))
            {
                _byFingerprint[series.Labels.Fingerprint] = sameHash = [];
            }

            sameHash.Add(series);
            foreach (var label in series.Labels)
            {
                if (!_postings.TryGetValue(label.Name, out var values))
                {
                    _postings[label.Name] = values = new Dictionary<string, List<MemSeries>>(StringComparer.Ordinal);
                }

                if (!values.TryGetValue(label.Value, out var list))
                {
                    values[label.Value] = list = [];
                }

                list.Add(series);
            }

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
            if (!_byRef.Remove(series.Ref))
            {
                return;
            }

            if (_byFingerprint.TryGetValue(series.Labels.Fingerprint, out var sameHash))
            {
                sameHash.Remove(series);
                if (sameHash.Count == 0)
                {
                    _byFingerprint.Remove(series.Labels.Fingerprint);
                }
            }

            foreach (var label in series.Labels)
            {
                var values = _postings[label.Name];
                var list = values[label.Value];
                list.Remove(series);
                if (list.Count == 0)
                {
                    values.Remove(label.Value);
                    if (values.Count == 0)
                    {
                        _postings.Remove(label.Name);
                    }
                }
            }
        }
    }

    /// <summary>Series satisfying every matcher (at least one matcher must not match the empty value, as in Prometheus).</summary>
    public List<MemSeries> Select(IReadOnlyList<LabelMatcher> matchers)
    {
        List<MemSeries> candidates;
        lock (_lock)
        {
            candidates = Candidates(matchers);
        }

        return candidates.Where(series => matchers.All(m => m.Matches(series.Labels))).ToList();
    }

    // The smallest postings list among equality matchers on a non-empty value narrows the scan; other matchers
    // are then checked on each candidate.
    private List<MemSeries> Candidates(IReadOnlyList<LabelMatcher> matchers)
    {
        List<MemSeries>? best = null;
        foreach (var matcher in matchers)
        {
            if (matcher.Type != LabelMatchType.Equal || matcher.Value.Length == 0)
            {
                continue;
            }

            var list = _postings.TryGetValue(matcher.Name, out var values) && values.TryGetValue(matcher.Value, out var found)
                ? found
                : [];
            if (best is null || list.Count < best.Count)
            {
                best = list;
            }
        }

        return best is null ? [.. _byRef.Values] : [.. best];
    }
}
