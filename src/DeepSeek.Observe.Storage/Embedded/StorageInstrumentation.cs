using Prometheus;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The store's self-metrics on /metrics. prometheus-net's registry is process-wide, so every store instance in a
/// process (tests start several) adds to the same series, as one process should report.
/// </summary>
internal sealed class StorageInstrumentation
{
    public Counter SamplesAppended { get; } = Metrics.CreateCounter(
        "observe_storage_samples_appended_total", "Samples made durable by the embedded store.");

    public Counter SamplesRejected { get; } = Metrics.CreateCounter(
        "observe_storage_samples_rejected_total", "Samples in writes the store refused as a whole, by reason.", "reason");

    public Counter DuplicatesDropped { get; } = Metrics.CreateCounter(
        "observe_storage_samples_duplicate_total", "Exact repeats (same timestamp and value) of stored samples, dropped.");

    public Histogram SyncDuration { get; } = Metrics.CreateHistogram(
        "observe_storage_wal_sync_duration_seconds", "Time to write and fsync one group of WAL records.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16) });

    public Histogram GroupSize { get; } = Metrics.CreateHistogram(
        "observe_storage_wal_group_writes", "Writes made durable by one fsync (group commit).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 13) });

    public Gauge ActiveSeries { get; } = Metrics.CreateGauge(
        "observe_storage_series_active", "Series in the embedded store's head.");

    public Counter SeriesExpired { get; } = Metrics.CreateCounter(
        "observe_storage_series_expired_total", "Series removed from the head because all their samples passed retention.");

    public Counter Checkpoints { get; } = Metrics.CreateCounter(
        "observe_storage_checkpoints_total", "Checkpoints written (each lets the WAL segments it covers be deleted).");

    public Histogram CheckpointDuration { get; } = Metrics.CreateHistogram(
        "observe_storage_checkpoint_duration_seconds", "Time to flush sealed chunks and write one checkpoint.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });

    public Counter LogEntriesAppended { get; } = Metrics.CreateCounter(
        "observe_storage_log_entries_appended_total", "Log lines made durable by the log store (embedded, or PostgreSQL with --postgres).");

    public Counter LogEntriesRejected { get; } = Metrics.CreateCounter(
        "observe_storage_log_entries_rejected_total", "Log lines in writes the log store refused as a whole, by reason.", "reason");

    public Gauge LogStreams { get; } = Metrics.CreateGauge(
        "observe_storage_log_streams_active", "Log streams the log store knows (the embedded index, or PostgreSQL's log_streams).");

    public Counter LogSegmentsDeleted { get; } = Metrics.CreateCounter(
        "observe_storage_log_segments_deleted_total", "Log segments deleted because every line in them is past retention.");

    public Counter LogPartitionsDropped { get; } = Metrics.CreateCounter(
        "observe_storage_log_partitions_dropped_total", "Day partitions of PostgreSQL's log_entries dropped because every line in them is past retention.");

    public Histogram LogSyncDuration { get; } = Metrics.CreateHistogram(
        "observe_storage_log_wal_sync_duration_seconds", "Time to write and fsync one group of log records.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16) });

    public Gauge MetadataFamilies { get; } = Metrics.CreateGauge(
        "observe_metadata_families", "Metric families with metadata (type, help, unit) kept for /api/v1/metadata.");

    public Counter MetadataDropped { get; } = Metrics.CreateCounter(
        "observe_metadata_dropped_total", "Metadata entries not kept, by reason (families: past Storage:MaxMetadataFamilies; too_long: a name, help or unit over 16 KiB characters).", "reason");
}
