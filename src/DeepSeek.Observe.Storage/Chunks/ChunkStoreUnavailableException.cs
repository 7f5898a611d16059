using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Storage.Chunks;

/// <summary>
/// An <see cref="IChunkStore"/> could not reach its storage (PostgreSQL down, disk failing). Flushing callers retry;
/// queries answer 503 rather than silently returning a partial range.
/// </summary>
public sealed class ChunkStoreUnavailableException : StoreUnavailableException
{
    public ChunkStoreUnavailableException()
    {
    }

    public ChunkStoreUnavailableException(string message)
        : base(message)
    {
    }

    public ChunkStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
