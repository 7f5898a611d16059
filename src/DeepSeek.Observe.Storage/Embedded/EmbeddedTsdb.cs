using System.Diagnostics;
using System.Threading.Channels;
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
    // How many queued writes one fsync covers at most: bounds the latency of the first write in a group.
    private const int MaxGroup = 4096;

    private readonly Head _head = new();
    private readonly Lock _appendLock = new();
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _capacity;
    private readonly StorageOptions _options;
    private readonly StorageInstrumentation _instrumentation;
    private readonly ILogger _logger;
    private readonly WriteAheadLog _wal;
    private readonly Task _writer;
    private readonly Action<LabelSet> _onSeriesCreated;
    private Exception? _failure;

    private EmbeddedTsdb(string directory, StorageOptions options, StorageInstrumentation instrumentation, ILogger logger, Action<LabelSet> onSeriesCreated)
    {
        _onSeriesCreated = onSeriesCreated;
        _options = options;
        _instrumentation = instrumentation;
        _logger = logger;
        _capacity = new SemaphoreSlim(options.MaxPendingWrites, options.MaxPendingWrites);
        var replayed = 0L;
        _wal = WriteAheadLog.Open(Path.Combine(directory, "wal"), options.WalSegmentBytes, payload => replayed += Replay(payload), logger);
        LogReplayed(logger, _head.SeriesCount, replayed);
        _instrumentation.ActiveSeries.Set(_head.SeriesCount);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Opens (and replays) the store in <paramref name="directory"/>.</summary>
    public static EmbeddedTsdb Open(
        string directory, StorageOptions options, StorageInstrumentation instrumentation, ILogger logger, Action<LabelSet>? onSeriesCreated = null) =>
        new(directory, options, instrumentation, logger, onSeriesCreated ?? (_ => { }));

    public int SeriesCount => _head.SeriesCount;

    /// <summary>Why writes fail, once the log could not be written; null while healthy.</summary>
    public Exception? Failure => _failure;

    public async ValueTask<AppendResult> AppendAsync(IReadOnlyList<SeriesSamples> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_failure is { } failure)
        {
            throw new AppendRejectedException(AppendRejection.Unavailable, $"store cannot write: {failure.Message}", failure);
        }

        if (!await _capacity.WaitAsync(_options.PendingWriteWait, cancellationToken))
        {
            throw new AppendRejectedException(AppendRejection.Overloaded, $"store is saturated ({_options.MaxPendingWrites} writes pending)");
        }

        PendingWrite? pending;
        AppendResult result;
        try
        {
            pending = Prepare(batch, out result);
        }
        catch
        {
            _capacity.Release();
            throw;
        }

        if (pending is null)
        {
            _capacity.Release();
            return result;
        }

        return await pending.Completion.Task.WaitAsync(cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        _wal.Dispose();
        _capacity.Dispose();
    }

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

            var pending = new PendingWrite(WalRecord.Encode(newSeries, records), apply, result);

            // Queued inside the lock, so the log holds writes in the order they were validated.
            _queue.Writer.TryWrite(pending);
            return pending;
        }
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingWrite>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            var clock = Stopwatch.StartNew();
            try
            {
                if (_failure is { } earlier)
                {
                    throw earlier;
                }

                foreach (var write in group)
                {
                    _wal.Write(write.Record);
                }

                _wal.Sync();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                if (_failure is null)
                {
                    _failure = ex;
                    LogWriteFailed(_logger, ex);
                }

                foreach (var write in group)
                {
                    write.Completion.TrySetException(new AppendRejectedException(AppendRejection.Unavailable, $"store cannot write: {ex.Message}", ex));
                    _capacity.Release();
                }

                group.Clear();
                continue;
            }

            _instrumentation.SyncDuration.Observe(clock.Elapsed.TotalSeconds);
            _instrumentation.GroupSize.Observe(group.Count);
            foreach (var write in group)
            {
                foreach (var (series, sample) in write.Apply)
                {
                    series.Append(sample);
                }

                _instrumentation.SamplesAppended.Inc(write.Result.SamplesAppended);
                write.Completion.TrySetResult(write.Result);
                _capacity.Release();
            }

            group.Clear();
        }
    }

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

    [LoggerMessage(EventId = 1203, Level = LogLevel.Critical, Message = "Cannot write the WAL; refusing writes until restart")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
