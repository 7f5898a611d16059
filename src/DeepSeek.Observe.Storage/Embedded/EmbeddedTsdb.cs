using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Chunks;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The time-series store behind both store kinds: validated writes go to the write-ahead log with group commit (one
/// fsync for every write that arrived meanwhile) and only then into the head, where readers see them. A write is
/// acknowledged after its fsync, so a crash (even kill -9) loses nothing acknowledged: start-up loads the latest
/// checkpoint and replays the log after it. Sealed chunks go to an <see cref="IChunkStore"/> (files or PostgreSQL);
/// checkpoints, retention and the log's truncation run in the background (<c>EmbeddedTsdb.Maintenance.cs</c>).
/// </summary>
internal sealed partial class EmbeddedTsdb : ISampleAppender, ISeriesQuerier, IAsyncDisposable
{
    /// <summary>Samples per chunk at most: small enough that a query decodes little it does not need, large enough to amortise headers.</summary>
    public const int ChunkSamples = 240;

    /// <summary>Chunks never span an aligned two-hour range, so a chunk lies within one UTC day (PostgreSQL partitions by day).</summary>
    public const long ChunkRangeMs = 2 * 60 * 60 * 1000;

    private readonly Head _head = new();
    private readonly Lock _appendLock = new();
    private readonly StorageOptions _options;
    private readonly StorageInstrumentation _instrumentation;
    private readonly ILogger _logger;
    private readonly IChunkStore _chunks;
    private readonly TimeProvider _time;
    private readonly string _walDirectory;
    private readonly WriteAheadLog _wal;
    private readonly GroupCommitLog _log;
    private readonly Action<LabelSet> _onSeriesCreated;

    private EmbeddedTsdb(
        string directory, StorageOptions options, IChunkStore chunks, TimeProvider time, StorageInstrumentation instrumentation,
        ILogger logger, Action<LabelSet> onSeriesCreated)
    {
        _onSeriesCreated = onSeriesCreated;
        _options = options;
        _chunks = chunks;
        _time = time;
        _instrumentation = instrumentation;
        _logger = logger;
        _walDirectory = Path.Combine(directory, "wal");
        _wal = Recover();
        _log = new GroupCommitLog(_wal, options.MaxPendingWrites, options.PendingWriteWait, OnSynced, logger);
        _instrumentation.ActiveSeries.Set(_head.SeriesCount);
        _lastCheckpoint = _lastRetention = time.GetTimestamp();
        _maintenance = Task.Run(() => MaintainAsync(_stopping.Token));
    }

    /// <summary>Opens <paramref name="chunks"/>, loads the latest checkpoint and replays the log after it.</summary>
    public static async Task<EmbeddedTsdb> OpenAsync(
        string directory, StorageOptions options, IChunkStore chunks, TimeProvider time, StorageInstrumentation instrumentation,
        ILogger logger, Action<LabelSet>? onSeriesCreated = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        await chunks.OpenAsync(cancellationToken);
        return new EmbeddedTsdb(directory, options, chunks, time, instrumentation, logger, onSeriesCreated ?? (_ => { }));
    }

    public int SeriesCount => _head.SeriesCount;

    /// <summary>Why writes fail, once the log could not be written; null while healthy.</summary>
    public Exception? Failure => _log.Failure;

    public async ValueTask<AppendResult> AppendAsync(IReadOnlyList<SeriesSamples> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_chunks.PendingBytes > _options.MaxPendingChunkBytes)
        {
            // The chunk store is behind (PostgreSQL down): the log cannot be truncated, so stop growing it.
            throw new AppendRejectedException(AppendRejection.Unavailable,
                $"chunk store is behind: {_chunks.PendingBytes} bytes of chunks are not yet persisted ({_lastFlushError ?? "flush pending"})");
        }

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
            .Where(s => s.MayHaveSamplesIn(startMs, endMs))
            .Select(s => s.Labels)
            .Order(LabelSetComparer.Instance)
            .Take(limit)
            .ToList();

    public IReadOnlyList<Sample> Samples(LabelSet series, long startMs, long endMs) =>
        _head.Find(series) is { } found ? found.Range(_chunks, Math.Max(startMs, found.FirstTimestamp), endMs) : [];

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

            var pending = new PendingWrite(WalRecord.Encode(newSeries, records), apply, result, OnDurable);

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

    // On the writer, after the fsync covering the write: readers see its samples from now on.
    private void OnDurable(PendingWrite write)
    {
        foreach (var (series, sample) in write.Apply)
        {
            if (series.Append(sample, ChunkSamples, ChunkRangeMs) is { } sealedChunk)
            {
                _chunks.Add(sealedChunk);
            }
        }

        _instrumentation.SamplesAppended.Inc(write.Result.SamplesAppended);
    }
}
