using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Chunks;

/// <summary>
/// Where sealed chunks live once they leave the head: chunk files under the data directory (embedded) or PostgreSQL.
/// The head, its write-ahead log and its checkpoints are the same for both; the log is only truncated past chunks
/// that <see cref="FlushAsync"/> has made durable, so a store that is down (PostgreSQL restarting) delays
/// truncation instead of losing samples.
/// </summary>
internal interface IChunkStore : IAsyncDisposable
{
    /// <summary>Opens the store (and loads its index); called once, before anything else.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The newest timestamp among the durable chunks of a series, or <see cref="long.MinValue"/>; replay uses it to
    /// skip samples that are already in the store.
    /// </summary>
    long PersistedMaxTimestamp(ulong seriesRef, LabelSet labels);

    /// <summary>Queues a chunk: readable at once, durable after the next successful <see cref="FlushAsync"/>.</summary>
    void Add(SealedChunk chunk);

    /// <summary>Bytes of chunks added but not yet durable; the head refuses writes when this grows too large.</summary>
    long PendingBytes { get; }

    /// <summary>
    /// Makes every chunk added before the call durable, in the order added. On failure it throws and the chunks stay
    /// queued for the next attempt.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>The chunks of a series that overlap [<paramref name="minT"/>, <paramref name="maxT"/>], oldest first (queued ones included).</summary>
    IReadOnlyList<byte[]> Read(ulong seriesRef, LabelSet labels, long minT, long maxT);

    /// <summary>Deletes chunks whose samples are all older than <paramref name="cutoffMs"/> (retention); may keep some a little longer.</summary>
    Task DeleteBeforeAsync(long cutoffMs, CancellationToken cancellationToken);
}
