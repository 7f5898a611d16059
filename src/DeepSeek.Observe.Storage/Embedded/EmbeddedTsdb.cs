using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The embedded time-series store: validated writes go to the write-ahead log with group commit (one fsync for
/// every write that arrived meanwhile) and only then into the head, where readers see them. A write is acknowledged
/// after its fsync, so a crash (even kill -9) loses nothing acknowledged: start-up replays the log.
/// </summary>
internal sealed partial class EmbeddedTsdb : ISampleAppender, ISeriesQuerier, IAsyncDisposable
{
    private readonly Head _head = new();
    private readonly Lock _appendLock = new();
    private readonly StorageOptions _options;
    private readonly StorageInstrumentation _instrumentation;
    private readonly GroupCommitLog _log;
    private readonly Action<LabelSet> _onSeriesCreated;

    private EmbeddedTsdb(string directory, StorageOptions options, StorageInstrumentation instrumentation, ILogger logger, Action<LabelSet> onSeriesCreated)
    {
        _onSeriesCreated = onSeriesCreated;
        _options = options;
        _instrumentation = instrumentation;
        var replayed = 0L;
        var wal = WriteAheadLog.Open(Path.Combine(directory, "wal"), options.WalSegmentBytes, payload => replayed += Replay(payload), logger);
        LogReplayed(logger, _head.SeriesCount, replayed);
        _instrumentation.ActiveSeries.Set(_head.SeriesCount);
        _log = new GroupCommitLog(wal, options.MaxPendingWrites, options.PendingWriteWait, OnSynced, logger);
    }

    /// <summary>Opens (and replays) the store in <paramref name="directory"/>.</summary>
    public static EmbeddedTsdb Open(
        string directory, StorageOptions options, StorageInstrumentation instrumentation, ILogger logger, Action<LabelSet>? onSeriesCreated = null) =>
        new(directory, options, instrumentation, logger, onSeriesCreated ?? (_ => { }));

    public int SeriesCount => _head.SeriesCount;

    /// <summary>Why writes fail, once the log could not be written; null while healthy.</summary>
    public Exception? Failure => _log.Failure;

    public async ValueTask<AppendResult> AppendAsync(IReadOnlyList<SeriesSamples> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await _log.ReserveAsync(cancellationToken);

        PendingWrite? pending;
        AppendResult result;
        try
        {
            pending = Prepare(batch, out result);
        }
        catch
        {
            _log.Release();
            throw;
        }

        if (pending is null)
        {
            _log.Release();
            return result;
        }

        await pending.Completion.Task.WaitAsync(cancellationToken);
        return result;
    }

    public IReadOnlyList<LabelSet> Series(IReadOnlyList<LabelMatcher> matchers, long startMs, long endMs, int limit) =>
        _head.Select(matchers)
            .Where(s => s.HasSamplesIn(startMs, endMs))
            .Select(s => s.Labels)
            .Order(LabelSetComparer.Instance)
            .Take(limit)
            .ToList();

    public IReadOnlyList<Sample> Samples(LabelSet series, long startMs, long endMs) =>
        _head.Find(series)?.Range(startMs, endMs) ?? [];

    public ValueTask DisposeAsync() => _log.DisposeAsync();

    /// <summary>Validates the whole batch against the reserved state and queues it; null when there is nothing to write.</summary>
    private PendingWrite? Prepare(IReadOnlyList<SeriesSamples> batch, out AppendResult result)
    {
        lock (_appendLock)
        {
            var touched = new Dictionary<MemSeries, (long Timestamp, ulong Bits)>();
            var created = new Dictionary<LabelSet, MemSeries>();
            var newSeries = new List<(ulong, LabelSet)>();
            var records = new List<(ulong, Sample, ulong)>();
            var apply = new List<(MemSeries, Sample)>();
            var nextRef = _head.NextRef;
            var duplicates = 0;
            try
            {
                foreach (var entry in batch)
                {
                    var series = _head.Find(entry.Labels) ?? created.GetValueOrDefault(entry.Labels);
                    if (series is null)
                    {
                        if (_head.SeriesCount + created.Count >= _options.MaxSeries)
                        {
                            throw new AppendRejectedException(AppendRejection.LimitExceeded,
                                $"series limit of {_options.MaxSeries} reached; refused new series {entry.Labels}");
                        }

                        series = new MemSeries(nextRef++, entry.Labels);
                        created[entry.Labels] = series;
                        newSeries.Add((series.Ref, series.Labels));
                    }
                    else
                    {
                        touched.TryAdd(series, (series.ReservedMaxTimestamp, series.ReservedLastValueBits));
                    }

                    foreach (var sample in entry.Samples)
                    {
                        var bits = BitConverter.DoubleToUInt64Bits(sample.Value);
                        if (sample.TimestampMs < series.ReservedMaxTimestamp)
                        {
                            throw new AppendRejectedException(AppendRejection.OutOfOrder,
                                $"out of order sample: {series.Labels} at {sample.TimestampMs} is older than {series.ReservedMaxTimestamp}");
                        }

                        if (sample.TimestampMs == series.ReservedMaxTimestamp)
                        {
                            if (bits == series.ReservedLastValueBits)
                            {
                                duplicates++;
                                continue;
                            }

                            throw new AppendRejectedException(AppendRejection.DuplicateTimestamp,
                                $"duplicate sample for timestamp: {series.Labels} at {sample.TimestampMs} with a different value");
                        }

                        records.Add((series.Ref, sample, series.ReservedLastValueBits));
                        series.ReservedMaxTimestamp = sample.TimestampMs;
                        series.ReservedLastValueBits = bits;
                        apply.Add((series, sample));
                    }
                }
            }
            catch (AppendRejectedException ex)
            {
                // Nothing of a refused write is kept, not even its reservations.
                foreach (var (series, (timestamp, bits)) in touched)
                {
                    series.ReservedMaxTimestamp = timestamp;
                    series.ReservedLastValueBits = bits;
                }

                _instrumentation.SamplesRejected.WithLabels(ex.Reason.ToString()).Inc(batch.Sum(b => b.Samples.Count));
                throw;
            }

            _instrumentation.DuplicatesDropped.Inc(duplicates);
            result = new AppendResult(records.Count, duplicates, newSeries.Count);
            if (records.Count == 0 && newSeries.Count == 0)
            {
                return null;
            }

            foreach (var series in created.Values)
            {
                _head.Add(series);
                _onSeriesCreated(series.Labels);
            }

            _instrumentation.ActiveSeries.Set(_head.SeriesCount);

            var pending = new PendingWrite(WalRecord.Encode(newSeries, records), apply, result, OnApplied);

            // Queued inside the lock, so the log holds writes in the order they were validated.
            _log.Enqueue(pending);
            return pending;
        }
    }

    private void OnSynced(TimeSpan duration, int writes)
    {
        _instrumentation.SyncDuration.Observe(duration.TotalSeconds);
        _instrumentation.GroupSize.Observe(writes);
    }

    private void OnApplied(AppendResult result) => _instrumentation.SamplesAppended.Inc(result.SamplesAppended);

    private int Replay(ReadOnlySpan<byte> payload)
    {
        var (series, samples) = WalRecord.Decode(payload, reference => _head.ByRef(reference)?.ReservedLastValueBits ?? 0);
        foreach (var (reference, labels) in series)
        {
            if (_head.ByRef(reference) is null)
            {
                _head.Add(new MemSeries(reference, labels));
                _onSeriesCreated(labels);
            }
        }

        foreach (var (reference, sample) in samples)
        {
            var target = _head.ByRef(reference) ?? throw new InvalidDataException($"WAL sample for unknown series {reference}");
            if (sample.TimestampMs > target.ReservedMaxTimestamp)
            {
                target.Append(sample);
                target.ReservedMaxTimestamp = sample.TimestampMs;
                target.ReservedLastValueBits = BitConverter.DoubleToUInt64Bits(sample.Value);
            }
        }

        return samples.Count;
    }

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Replayed the WAL: {Series} series, {Samples} samples")]
    private static partial void LogReplayed(ILogger logger, int series, long samples);
}
