using DeepSeek.Observe.Storage.Chunks;
using DeepSeek.Observe.Storage.Embedded;
using DeepSeek.Observe.Storage.Relational;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Storage.Internal;

/// <summary>
/// Where sealed chunks go: chunk files under the data directory, or PostgreSQL with <c>--postgres</c>. Either way the
/// head, its WAL and its checkpoints stay under the data directory, which with PostgreSQL is the local spool that
/// keeps acknowledged samples while the server is unreachable.
/// </summary>
internal sealed class ChunkStoreFactory(IServiceProvider services, IOptions<StorageOptions> options, ILogger<FileChunkStore> logger)
{
    public IChunkStore Create(string dataDirectory) =>
        options.Value.Kind == StoreKind.PostgreSql
            ? PostgresChunkStoreRegistration.Create(services)
            : new FileChunkStore(Path.Combine(dataDirectory, "chunks"), options.Value.ChunkSegmentBytes, logger);
}
