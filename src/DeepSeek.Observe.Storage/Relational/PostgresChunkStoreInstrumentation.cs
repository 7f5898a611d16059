using Prometheus;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// Self-metrics of <see cref="PostgresChunkStore"/>. prometheus-net's registry is process-wide, so every store in a
/// process (tests open several) adds to the same series, as one process should report.
/// </summary>
internal sealed class PostgresChunkStoreInstrumentation
{
    public Counter ChunksFlushed { get; } = Metrics.CreateCounter(
        "observe_storage_postgres_chunks_flushed_total", "Sealed chunks committed to PostgreSQL.");

    public Counter BytesFlushed { get; } = Metrics.CreateCounter(
        "observe_storage_postgres_chunk_bytes_flushed_total", "Encoded chunk bytes committed to PostgreSQL.");

    public Counter FlushFailures { get; } = Metrics.CreateCounter(
        "observe_storage_postgres_flush_failures_total", "Flushes that failed and left their chunks queued for the next attempt.");

    public Histogram FlushDuration { get; } = Metrics.CreateHistogram(
        "observe_storage_postgres_flush_duration_seconds", "Time to commit one batch of chunks (series upsert, partitions, COPY).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });

    public Gauge PendingBytes { get; } = Metrics.CreateGauge(
        "observe_storage_postgres_pending_bytes", "Chunk bytes queued for PostgreSQL and not yet committed.");

    public Counter PartitionsDropped { get; } = Metrics.CreateCounter(
        "observe_storage_postgres_partitions_dropped_total", "Day partitions of sample_chunks dropped by retention.");
}
