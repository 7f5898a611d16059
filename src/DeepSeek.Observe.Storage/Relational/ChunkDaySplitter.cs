using System.Runtime.InteropServices;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Storage.Chunks;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// Keeps every stored chunk inside one UTC day, which day partitions and retention by dropping them rely on. The
/// head already seals at 2-hour boundaries, so this is a guard that re-encodes only a chunk that crosses midnight.
/// </summary>
internal static class ChunkDaySplitter
{
    public static IReadOnlyList<SealedChunk> Split(SealedChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (ChunkDay.Of(chunk.MinTimestamp) == ChunkDay.Of(chunk.MaxTimestamp))
        {
            return [chunk];
        }

        var samples = SampleChunk.Decode(chunk.Data);
        var parts = new List<SealedChunk>();
        var start = 0;
        for (var i = 1; i <= samples.Count; i++)
        {
            if (i == samples.Count || ChunkDay.Of(samples[i].TimestampMs) != ChunkDay.Of(samples[start].TimestampMs))
            {
                var day = Slice(samples, start, i);
                parts.Add(chunk with { MinTimestamp = day[0].TimestampMs, MaxTimestamp = day[^1].TimestampMs, Data = SampleChunk.Encode(day) });
                start = i;
            }
        }

        return parts;
    }

    private static ReadOnlySpan<Sample> Slice(List<Sample> samples, int start, int end) =>
        CollectionsMarshal.AsSpan(samples)[start..end];
}
