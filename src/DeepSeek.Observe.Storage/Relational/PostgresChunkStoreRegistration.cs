using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// How the head gets its <see cref="Chunks.IChunkStore"/> when <c>--postgres</c> is given; not called yet (the head
/// integration wires it, in place of the file store). Construct after migrations have run (PostgresStore's
/// start-up), then <c>OpenAsync</c> before the head replays its log; open fails with
/// <see cref="Chunks.ChunkStoreUnavailableException"/> while PostgreSQL is unreachable, so the caller retries it
/// like migrations. Flush and retention run on the head's schedule, never concurrently with disposal.
/// </summary>
internal static class PostgresChunkStoreRegistration
{
    /// <summary>A store over the process's shared <see cref="NpgsqlDataSource"/> (registered by AddStorage).</summary>
    public static PostgresChunkStore Create(IServiceProvider services, PostgresChunkStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new PostgresChunkStore(
            services.GetRequiredService<NpgsqlDataSource>(),
            options ?? new PostgresChunkStoreOptions(),
            new PostgresChunkStoreInstrumentation(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<PostgresChunkStore>>());
    }
}
