using DeepSeek.Observe.Storage.Chunks;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>A chunk added to <see cref="PostgresChunkStore"/> and not yet committed, with what the flush needs.</summary>
/// <param name="Sequence">Its place in the order of <see cref="IChunkStore.Add"/> calls.</param>
/// <param name="Chunk">The chunk (within one UTC day).</param>
/// <param name="SeriesHash">SHA-256 of its labels (<see cref="SeriesKey"/>).</param>
/// <param name="SampleCount">Samples it holds.</param>
internal sealed record QueuedChunk(long Sequence, SealedChunk Chunk, byte[] SeriesHash, int SampleCount);
