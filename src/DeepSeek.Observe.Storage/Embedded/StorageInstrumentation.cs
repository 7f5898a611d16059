using System.Diagnostics.Metrics;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The store's self-metrics. One holder per component, from <see cref="IMeterFactory"/>; /metrics prefixes each
/// instrument with the meter name, so <c>samples.appended</c> is exported as <c>deepseek_observe_storage_samples_appended</c>.
/// </summary>
internal sealed class StorageInstrumentation
{
    public const string MeterName = "DeepSeek.Observe.Storage";

    public StorageInstrumentation(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        SamplesAppended = meter.CreateCounter<long>("samples.appended", "{sample}", "Samples made durable.");
        SamplesRejected = meter.CreateCounter<long>(
            "samples.rejected", "{sample}", "Samples in writes refused as a whole, by reason.");
        DuplicatesDropped = meter.CreateCounter<long>(
            "samples.duplicates", "{sample}", "Exact repeats of stored samples, dropped.");
        SyncDuration = meter.CreateHistogram<double>("wal.sync.duration", "s", "Time to write and fsync one WAL group.");
        GroupSize = meter.CreateHistogram<long>("wal.group.writes", "{write}", "Writes made durable by one fsync.");
        Meter = meter;
    }

    public Meter Meter { get; }

    public Counter<long> SamplesAppended { get; }

    public Counter<long> SamplesRejected { get; }

    public Counter<long> DuplicatesDropped { get; }

    public Histogram<double> SyncDuration { get; }

    public Histogram<long> GroupSize { get; }
}
