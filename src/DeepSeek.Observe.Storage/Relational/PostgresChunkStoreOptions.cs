using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Limits of <see cref="PostgresChunkStore"/>; the defaults suit the head's defaults (5 million series).</summary>
internal sealed class PostgresChunkStoreOptions
{
    /// <summary>
    /// Chunk bytes written by one COPY transaction. A flush after a long outage commits in pieces of this size, so
    /// progress survives a second failure and one transaction never holds gigabytes; 16 MiB is about 50 000 chunks of
    /// 240 samples, a few hundred milliseconds of COPY.
    /// </summary>
    [Range(64 * 1024, 1024 * 1024 * 1024)]
    public long MaxFlushBatchBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Series whose id and committed max time are kept in memory (about 40 bytes each): twice the head's series cap.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCachedSeries { get; set; } = 10_000_000;

    /// <summary>How long a read (the query path is synchronous) may wait for PostgreSQL before failing.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
