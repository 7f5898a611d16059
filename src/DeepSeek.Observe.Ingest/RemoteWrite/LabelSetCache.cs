using System.Buffers;
using System.IO.Hashing;
using System.Text;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Ingest.RemoteWrite;

/// <summary>
/// Label sets already seen, keyed by a hash of the exact wire bytes of their labels. A Prometheus sender repeats the
/// same series every scrape, so almost every series of a request is a hit: no strings are decoded, nothing is sorted,
/// validated or hashed again, and the store receives the very instance it already holds (equality by reference).
/// A hit is confirmed by walking the wire labels against the cached set, so an entry costs a hash and a reference
/// rather than a copy of the bytes: a fleet's million series fit in tens of MiB.
/// Bounded: when full it is cleared and refills with what is current (series churn is what makes it full).
/// </summary>
internal sealed class LabelSetCache(int capacity)
{
    private const int LabelsField = 1;
    private const int NameField = 1;
    private const int ValueField = 2;

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, LabelSet> _entries = new(Math.Min(capacity, 1 << 16));

    public bool TryGet(ReadOnlySpan<byte> raw, out ulong hash, out LabelSet labels)
    {
        hash = XxHash3.HashToUInt64(raw);
        LabelSet? cached;
        lock (_lock)
        {
            _entries.TryGetValue(hash, out cached);
        }

        if (cached is not null && Matches(raw, cached))
        {
            labels = cached;
            return true;
        }

        labels = LabelSet.Empty;
        return false;
    }

    public void Add(ulong hash, LabelSet labels)
    {
        lock (_lock)
        {
            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }

            _entries[hash] = labels;
        }
    }

    /// <summary>
    /// Whether the wire labels are exactly <paramref name="labels"/>, in order. Anything unusual (unsorted names, extra
    /// fields, empty values the validator would drop) is simply not a match: the caller decodes and validates instead.
    /// </summary>
    internal static bool Matches(ReadOnlySpan<byte> raw, LabelSet labels)
    {
        var reader = new ProtoReader(raw);
        var next = 0;
        while (!reader.End)
        {
            var (field, wireType) = reader.ReadTag();
            if (field != LabelsField || wireType != ProtoReader.LengthDelimited || next >= labels.Count)
            {
                return false;
            }

            var label = new ProtoReader(reader.ReadLengthDelimited());
            ReadOnlySpan<byte> name = default, value = default;
            while (!label.End)
            {
                var (labelField, labelWire) = label.ReadTag();
                if (labelWire != ProtoReader.LengthDelimited || labelField is not (NameField or ValueField))
                {
                    return false;
                }

                _ = labelField == NameField ? name = label.ReadLengthDelimited() : value = label.ReadLengthDelimited();
            }

            var expected = labels[next++];
            if (!Utf8Equals(name, expected.Name) || !Utf8Equals(value, expected.Value))
            {
                return false;
            }
        }

        return next == labels.Count;
    }

    private static bool Utf8Equals(ReadOnlySpan<byte> utf8, string text)
    {
        // Label names and most values are ASCII: compare byte to char without encoding.
        if (utf8.Length == text.Length)
        {
            var i = 0;
            for (; i < utf8.Length && utf8[i] < 0x80; i++)
            {
                if (utf8[i] != text[i])
                {
                    return false;
                }
            }

            if (i == utf8.Length)
            {
                return true;
            }
        }

        if (Encoding.UTF8.GetByteCount(text) != utf8.Length)
        {
            return false;
        }

        var rented = ArrayPool<byte>.Shared.Rent(utf8.Length);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            return rented.AsSpan(0, written).SequenceEqual(utf8);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
