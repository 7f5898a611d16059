using DeepSeek.Observe.Core;
using DeepSeek.Observe.Storage.Chunks;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// One series in the head. Two views of its newest sample: the <em>reserved</em> one (what accepted but not yet
/// durable writes will have appended; guarded by the appender's lock, used to validate the next write) and the
/// committed one (durable, in the open chunk, visible to readers; changed only by the log writer). Samples live in
/// one open chunk; a full chunk, or one that would cross a chunk-range boundary, is sealed and handed to the
/// <see cref="IChunkStore"/>.
/// </summary>
internal sealed class MemSeries(ulong reference, LabelSet labels)
{
    private readonly Lock _lock = new();
    private XorChunkAppender? _open;

    public ulong Ref { get; } = reference;

    public LabelSet Labels { get; } = labels;

    public long ReservedMaxTimestamp { get; set; } = long.MinValue;

    public ulong ReservedLastValueBits { get; set; }

    /// <summary>Oldest timestamp the series may still hold (raised by retention); <see cref="long.MaxValue"/> before the first sample.</summary>
    public long FirstTimestamp { get; set; } = long.MaxValue;

    /// <summary>Newest durable sample's timestamp.</summary>
    public long LastTimestamp { get; private set; } = long.MinValue;

    /// <summary>Newest durable sample's value bits (what the next log record's value is XORed with).</summary>
    public ulong LastValueBits { get; private set; }

    /// <summary>Restores the state a checkpoint recorded.</summary>
    public void Restore(long firstTimestamp, long lastTimestamp, ulong lastValueBits)
    {
        FirstTimestamp = firstTimestamp;
        LastTimestamp = ReservedMaxTimestamp = lastTimestamp;
        LastValueBits = ReservedLastValueBits = lastValueBits;
    }

    /// <summary>
    /// Records a durable sample newer than the last; adds it to the open chunk only when <paramref name="keep"/>
    /// (replay skips samples the chunk store already has, but they still advance the series).
    /// Returns the chunk it sealed to make room, if any.
    /// </summary>
    public SealedChunk? Append(Sample sample, int chunkSamples, long chunkRangeMs, bool keep = true)
    {
        lock (_lock)
        {
            FirstTimestamp = Math.Min(FirstTimestamp, sample.TimestampMs);
            LastTimestamp = sample.TimestampMs;
            LastValueBits = BitConverter.DoubleToUInt64Bits(sample.Value);
            if (!keep)
            {
                return null;
            }

            SealedChunk? sealedChunk = null;
            if (_open is { } open
                && (open.Count >= chunkSamples || FloorDiv(sample.TimestampMs, chunkRangeMs) != FloorDiv(open.MinTimestamp, chunkRangeMs)))
            {
                sealedChunk = SealLocked();
            }

            (_open ??= new XorChunkAppender()).Append(sample.TimestampMs, sample.Value);
            return sealedChunk;
        }
    }

    /// <summary>Seals the open chunk now (e.g. before the series is dropped); null when it is empty.</summary>
    public SealedChunk? Seal()
    {
        lock (_lock)
        {
            return SealLocked();
        }
    }

    /// <summary>
    /// A copy of the open chunk (its growing Gorilla form) for a checkpoint, or null. Cheap, because it runs on the
    /// log writer; the checkpoint re-encodes it densely off that path.
    /// </summary>
    public byte[]? OpenChunk()
    {
        lock (_lock)
        {
            return _open?.ToChunk();
        }
    }

    /// <summary>Restores the open chunk a checkpoint recorded, keeping only samples newer than <paramref name="after"/>.</summary>
    public void RestoreOpenChunk(byte[] chunk, long after)
    {
        lock (_lock)
        {
            foreach (var sample in SampleChunk.Decode(chunk))
            {
                if (sample.TimestampMs > after)
                {
                    (_open ??= new XorChunkAppender()).Append(sample.TimestampMs, sample.Value);
                }
            }
        }
    }

    /// <summary>Whether the series may have samples in [start, end] (by its time bounds, as Prometheus's series API does).</summary>
    public bool MayHaveSamplesIn(long startMs, long endMs) => FirstTimestamp <= endMs && LastTimestamp >= startMs;

    /// <summary>Samples in [start, end], from the chunk store and the open chunk.</summary>
    public List<Sample> Range(IChunkStore store, long startMs, long endMs)
    {
        // The open chunk first: if it is sealed meanwhile, the store then has those samples too and the merge below
        // drops the repeats; the other order could miss them.
        var open = new List<Sample>();
        lock (_lock)
        {
            _open?.Decode(open, startMs, endMs);
        }

        var result = new List<Sample>();
        foreach (var chunk in store.Read(Ref, Labels, startMs, endMs))
        {
            var before = result.Count;
            SampleChunk.Decode(chunk, result, startMs, endMs);
            if (before > 0 && result.Count > before && result[before].TimestampMs <= result[before - 1].TimestampMs)
            {
                RemoveOverlap(result, before);
            }
        }

        var last = result.Count > 0 ? result[^1].TimestampMs : long.MinValue;
        foreach (var sample in open)
        {
            if (sample.TimestampMs > last)
            {
                result.Add(sample);
            }
        }

        return result;
    }

    private static void RemoveOverlap(List<Sample> samples, int from)
    {
        var last = samples[from - 1].TimestampMs;
        var keep = from;
        for (var i = from; i < samples.Count; i++)
        {
            if (samples[i].TimestampMs > last)
            {
                samples[keep++] = samples[i];
                last = samples[i].TimestampMs;
            }
        }

        samples.RemoveRange(keep, samples.Count - keep);
    }

    private static long FloorDiv(long value, long divisor) => value >= 0 ? value / divisor : ((value + 1) / divisor) - 1;

    private SealedChunk? SealLocked()
    {
        if (_open is not { Count: > 0 } open)
        {
            return null;
        }

        var samples = new List<Sample>(open.Count);
        open.Decode(samples, long.MinValue, long.MaxValue);
        _open = null;

        // Encoded again: the smallest encoding can only be chosen once the samples are known.
        return new SealedChunk(Ref, Labels, samples[0].TimestampMs, samples[^1].TimestampMs, SampleChunk.Encode(samples.ToArray()));
    }
}
