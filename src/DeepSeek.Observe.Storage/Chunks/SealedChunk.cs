using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Chunks;

/// <summary>A finished chunk of one series (<see cref="SampleChunk"/> bytes), on its way from the head to a <see cref="IChunkStore"/>.</summary>
/// <param name="SeriesRef">The head's reference of the series (stable for the life of the data directory).</param>
/// <param name="Labels">The series, for stores that keep their own series table.</param>
/// <param name="MinTimestamp">The first sample's timestamp (ms).</param>
/// <param name="MaxTimestamp">The last sample's timestamp (ms).</param>
/// <param name="Data">The encoded chunk.</param>
internal sealed record SealedChunk(ulong SeriesRef, LabelSet Labels, long MinTimestamp, long MaxTimestamp, byte[] Data);
