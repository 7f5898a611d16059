using System.Collections;
using System.Text;
using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>
/// The identity of a series: labels sorted by name, names unique, no empty values (Prometheus treats an empty
/// value as an absent label, so keeping one would make two spellings of the same series differ).
/// Immutable; equality and <see cref="Fingerprint"/> are by content.
/// </summary>
[JsonConverter(typeof(LabelSetJsonConverter))]
public sealed class LabelSet : IEquatable<LabelSet>, IReadOnlyList<Label>
{
    // FNV-1a 64-bit parameters (http://www.isthe.com/chongo/tech/comp/fnv/): stable across processes and
    // releases, unlike string.GetHashCode, so fingerprints can be stored and used to shard by series.
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    // 0xFF never occurs in UTF-8, so it separates names and values unambiguously ("a"+"bc" vs "ab"+"c").
    private const byte Separator = 0xFF;

    private readonly Label[] _labels;

    private LabelSet(Label[] sortedLabels)
    {
        _labels = sortedLabels;
        Fingerprint = ComputeFingerprint(sortedLabels);
    }

    /// <summary>The set with no labels.</summary>
    public static LabelSet Empty { get; } = new([]);

    /// <summary>A stable 64-bit hash of the labels, equal for equal sets in every process.</summary>
    public ulong Fingerprint { get; }

    /// <inheritdoc />
    public int Count => _labels.Length;

    /// <summary>The value of <c>__name__</c>, or null.</summary>
    public string? MetricName => this[LabelNames.MetricName];

    /// <inheritdoc />
    public Label this[int index] => _labels[index];

    /// <summary>The value of the label <paramref name="name"/>, or null when the set has no such label.</summary>
    public string? this[string name]
    {
        get
        {
            var index = IndexOf(name);
            return index >= 0 ? _labels[index].Value : null;
        }
    }

    /// <summary>Builds a set from name/value pairs; throws <see cref="ArgumentException"/> on an invalid or repeated name.</summary>
    public static LabelSet Create(IEnumerable<KeyValuePair<string, string>> labels) =>
        TryCreate(labels, out var set, out var error) ? set : throw new ArgumentException(error, nameof(labels));

    /// <summary>Builds a set from labels; throws <see cref="ArgumentException"/> on an invalid or repeated name.</summary>
    public static LabelSet Create(params ReadOnlySpan<Label> labels) =>
        TryCreate(labels.ToArray().Select(l => KeyValuePair.Create(l.Name, l.Value)), out var set, out var error)
            ? set
            : throw new ArgumentException(error);

    /// <summary>
    /// Builds a set, reporting why the input is not a valid identity (for 400 responses) instead of throwing.
    /// </summary>
    public static bool TryCreate(
        IEnumerable<KeyValuePair<string, string>> labels, out LabelSet set, out string? error)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var list = new List<Label>();
        foreach (var (name, value) in labels)
        {
            var valid = name == LabelNames.MetricName || LabelNames.IsValidLabelName(name);
            if (!valid)
            {
                set = Empty;
                error = $"invalid label name \"{name}\"";
                return false;
            }

            if (name == LabelNames.MetricName && !LabelNames.IsValidMetricName(value))
            {
                set = Empty;
                error = $"invalid metric name \"{value}\"";
                return false;
            }

            if (!string.IsNullOrEmpty(value))
            {
                list.Add(new Label(name, value));
            }
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Name == list[i - 1].Name)
            {
                set = Empty;
                error = $"duplicate label name \"{list[i].Name}\"";
                return false;
            }
        }

        set = list.Count == 0 ? Empty : new LabelSet([.. list]);
        error = null;
        return true;
    }

    /// <summary>Whether the set has a label named <paramref name="name"/>.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/> (removed when the value is empty).</summary>
    public LabelSet With(string name, string value) =>
        Create(this.Where(l => l.Name != name)
            .Select(l => KeyValuePair.Create(l.Name, l.Value))
            .Append(KeyValuePair.Create(name, value)));

    /// <summary>A copy without the label <paramref name="name"/>.</summary>
    public LabelSet Without(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return this;
        }

        var copy = new Label[_labels.Length - 1];
        _labels.AsSpan(0, index).CopyTo(copy);
        _labels.AsSpan(index + 1).CopyTo(copy.AsSpan(index));
        return copy.Length == 0 ? Empty : new LabelSet(copy);
    }

    /// <summary>The labels as a dictionary, e.g. for JSON APIs.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() =>
        _labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Equals(LabelSet? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Fingerprint == other.Fingerprint && _labels.AsSpan().SequenceEqual(other._labels)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    /// <inheritdoc />
    public override int GetHashCode() => Fingerprint.GetHashCode();

    /// <summary>Prometheus's notation: <c>metric{a="1", b="2"}</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(MetricName);
        builder.Append('{');
        var first = true;
        foreach (var label in _labels)
        {
            if (label.Name == LabelNames.MetricName)
            {
                continue;
            }

            builder.Append(first ? string.Empty : ", ").Append(label);
            first = false;
        }

        return builder.Append('}').ToString();
    }

    /// <inheritdoc />
    public IEnumerator<Label> GetEnumerator() => ((IEnumerable<Label>)_labels).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static bool operator ==(LabelSet? left, LabelSet? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(LabelSet? left, LabelSet? right) => !(left == right);

    private int IndexOf(string name)
    {
        // Sets are small (typically under 20 labels) and sorted: a binary search beats building a dictionary.
        int lo = 0, hi = _labels.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = string.CompareOrdinal(_labels[mid].Name, name);
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private static ulong ComputeFingerprint(Label[] labels)
    {
        var hash = FnvOffsetBasis;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var label in labels)
        {
            hash = Mix(hash, label.Name, buffer);
            hash = Mix(hash, label.Value, buffer);
        }

        return hash;
    }

    private static ulong Mix(ulong hash, string text, Span<byte> buffer)
    {
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(text, buffer)]
            : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return (hash ^ Separator) * FnvPrime;
    }
}
