using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// One series in the head. Two views of its newest sample: the <em>reserved</em> one (what accepted but not yet
/// durable writes will have appended; guarded by the appender's lock, used to validate the next write) and the
/// committed samples (durable, visible to readers; guarded by this object's lock).
/// </summary>
internal sealed class MemSeries(ulong reference, LabelSet labels)
{
    private Sample[] _samples = new Sample[16];
    private int _count;

    public ulong Ref { get; } = reference;

    public LabelSet Labels { get; } = labels;

    public long ReservedMaxTimestamp { get; set; } = long.MinValue;

    public ulong ReservedLastValueBits { get; set; }

    /// <summary>Appends a durable sample; callers append in timestamp order.</summary>
    public void Append(Sample sample)
    {
        lock (this)
        {
            if (_count == _samples.Length)
            {
                Array.Resize(ref _samples, _samples.Length * 2);
            }

            _samples[_count++] = sample;
        }
    }

    /// <summary>Whether any committed sample lies in [start, end].</summary>
    public bool HasSamplesIn(long startMs, long endMs)
    {
        lock (this)
        {
            var index = LowerBound(startMs);
            return index < _count && _samples[index].TimestampMs <= endMs;
        }
    }

    /// <summary>Committed samples in [start, end], copied out so readers never see a buffer being resized.</summary>
    public Sample[] Range(long startMs, long endMs)
    {
        lock (this)
        {
            var from = LowerBound(startMs);
            var to = from;
            while (to < _count && _samples[to].TimestampMs <= endMs)
            {
                to++;
            }

            return _samples.AsSpan(from, to - from).ToArray();
        }
    }

    private int LowerBound(long timestampMs)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_samples[mid].TimestampMs < timestampMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
