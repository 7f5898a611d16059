using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// Items (series, log streams) indexed by their label set: by fingerprint, to find an item from its labels, and by
/// label name/value (postings), to select items without scanning all of them. Not thread-safe: owners lock.
/// </summary>
internal sealed class LabelIndex<T>(Func<T, LabelSet> labelsOf)
    where T : class
{
    private readonly Dictionary<ulong, List<T>> _byFingerprint = [];
    private readonly Dictionary<string, Dictionary<string, List<T>>> _postings = new(StringComparer.Ordinal);
    private readonly List<T> _all = [];

    public int Count => _all.Count;

    public T? Find(LabelSet labels)
    {
        if (_byFingerprint.TryGetValue(labels.Fingerprint, out var candidates))
        {
            foreach (var item in candidates)
            {
                if (labelsOf(item).Equals(labels))
                {
                    return item;
                }
            }
        }

        return null;
    }

    public void Add(T item)
    {
        var labels = labelsOf(item);
        if (!_byFingerprint.TryGetValue(labels.Fingerprint, out var sameHash))
        {
            _byFingerprint[labels.Fingerprint] = sameHash = [];
        }

        sameHash.Add(item);
        _all.Add(item);
        foreach (var label in labels)
        {
            if (!_postings.TryGetValue(label.Name, out var values))
            {
                _postings[label.Name] = values = new Dictionary<string, List<T>>(StringComparer.Ordinal);
            }

            if (!values.TryGetValue(label.Value, out var list))
            {
                values[label.Value] = list = [];
            }

            list.Add(item);
        }
    }

    /// <summary>Removes an item from every index (linear in its postings lists: removal is rare, e.g. retention).</summary>
    public void Remove(T item)
    {
        var labels = labelsOf(item);
        if (_byFingerprint.TryGetValue(labels.Fingerprint, out var sameHash) && sameHash.Remove(item) && sameHash.Count == 0)
        {
            _byFingerprint.Remove(labels.Fingerprint);
        }

        _all.Remove(item);
        foreach (var label in labels)
        {
            if (_postings.TryGetValue(label.Name, out var values) && values.TryGetValue(label.Value, out var list)
                && list.Remove(item) && list.Count == 0)
            {
                values.Remove(label.Value);
                if (values.Count == 0)
                {
                    _postings.Remove(label.Name);
                }
            }
        }
    }

    /// <summary>Items satisfying every matcher.</summary>
    public List<T> Select(IReadOnlyList<LabelMatcher> matchers)
    {
        var result = new List<T>();
        foreach (var item in Candidates(matchers))
        {
            var labels = labelsOf(item);
            if (matchers.All(m => m.Matches(labels)))
            {
                result.Add(item);
            }
        }

        return result;
    }

    // The smallest postings list among equality matchers on a non-empty value narrows the scan; other matchers
    // are then checked on each candidate.
    private List<T> Candidates(IReadOnlyList<LabelMatcher> matchers)
    {
        List<T>? best = null;
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

        return best ?? _all;
    }
}
