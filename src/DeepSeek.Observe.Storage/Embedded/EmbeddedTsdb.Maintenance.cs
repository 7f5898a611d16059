using System.Diagnostics;
using DeepSeek.Observe.Storage.Chunks;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// Recovery at start-up, and what keeps the disk small while the store runs: checkpoints (after which the log
/// segments they cover are deleted) and retention (old chunks and series that stopped before the cutoff).
/// </summary>
internal sealed partial class EmbeddedTsdb
{
    private static readonly TimeSpan s_tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_retentionEvery = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);
    private readonly Task _maintenance;
    private long _lastCheckpoint;
    private long _lastRetention;
    private string? _lastFlushError;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _maintenance;
        await _log.DrainAsync();

        // A checkpoint at shutdown leaves an empty log behind: the next start-up is quick and the disk small.
        if (_log.Failure is null && _options.CheckpointOnShutdown)
        {
            try
            {
                await CompleteCheckpointAsync(Snapshot(force: false), CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
            {
                LogCheckpointFailed(_logger, ex);
            }
        }

        await _log.DisposeAsync();
        await _chunks.DisposeAsync();
        _checkpointGate.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Takes a checkpoint now (tests and shutdown; the background loop takes them by log size and age).</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await _checkpointGate.WaitAsync(cancellationToken);
        try
        {
            // Taken on the writer between two groups: the head then holds exactly what the log holds.
            var snapshot = await _log.RunBetweenGroupsAsync(() => Snapshot(force: false)).WaitAsync(cancellationToken);
            await CompleteCheckpointAsync(snapshot, cancellationToken);
        }
        finally
        {
            _checkpointGate.Release();
        }
    }

    /// <summary>Applies retention now (tests; the background loop does it every minute).</summary>
    public async Task ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow().ToUnixTimeMilliseconds() - (long)_options.Retention.TotalMilliseconds;
        await _chunks.DeleteBeforeAsync(cutoff, cancellationToken);
        var removed = 0;
        lock (_appendLock)
        {
            foreach (var series in _head.All())
            {
                if (series.ReservedMaxTimestamp < cutoff)
                {
                    // Every sample it has, durable or queued, is past retention (references are never reused, so
                    // log records that still name it are skipped at replay).
                    _head.Remove(series);
                    removed++;
                }
                else if (series.FirstTimestamp < cutoff)
                {
                    series.FirstTimestamp = cutoff;
                }
            }
        }

        _instrumentation.ActiveSeries.Set(_head.SeriesCount);
        _instrumentation.SeriesExpired.Inc(removed);
        _lastRetention = _time.GetTimestamp();
    }

    private WriteAheadLog Recover()
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(_walDirectory);
        var checkpoint = Checkpoint.ReadLatest(_walDirectory);
        var persisted = new Dictionary<ulong, long>();
        if (checkpoint is not null)
        {
            _head.NextRef = checkpoint.NextRef;
            foreach (var state in checkpoint.Series)
            {
                var series = new MemSeries(state.Ref, state.Labels);
                series.Restore(state.FirstTimestamp, state.LastTimestamp, state.LastValueBits);
                if (state.OpenChunk is { } chunk)
                {
                    series.RestoreOpenChunk(chunk, PersistedMax(series, persisted));
                }

                _head.Add(series);
                _onSeriesCreated(series.Labels);
            }
        }

        var replayed = 0L;
        var wal = WriteAheadLog.Open(
            _walDirectory, _options.WalSegmentBytes, checkpoint?.WalSegment ?? -1, (_, payload) => replayed += Replay(payload, persisted), _logger);
        LogRecovered(_logger, checkpoint?.Series.Count ?? 0, _head.SeriesCount, replayed, clock.Elapsed.TotalSeconds);
        return wal;
    }

    private int Replay(ReadOnlySpan<byte> payload, Dictionary<ulong, long> persisted)
    {
        var (series, samples) = WalRecord.Decode(payload, reference => _head.ByRef(reference)?.LastValueBits ?? 0);
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
            // Unknown: a series retention removed after this record was written.
            if (_head.ByRef(reference) is not { } target || sample.TimestampMs <= target.LastTimestamp)
            {
                continue;
            }

            var keep = sample.TimestampMs > PersistedMax(target, persisted);
            if (target.Append(sample, ChunkSamples, ChunkRangeMs, keep) is { } sealedChunk)
            {
                _chunks.Add(sealedChunk);
            }

            target.ReservedMaxTimestamp = sample.TimestampMs;
            target.ReservedLastValueBits = BitConverter.DoubleToUInt64Bits(sample.Value);
        }

        return samples.Count;
    }

    private long PersistedMax(MemSeries series, Dictionary<ulong, long> persisted)
    {
        if (!persisted.TryGetValue(series.Ref, out var max))
        {
            persisted[series.Ref] = max = _chunks.PersistedMaxTimestamp(series.Ref, series.Labels);
        }

        return max;
    }

    private Checkpoint.Content? Snapshot(bool force)
    {
        if (!force && _wal.BytesSinceRotate == 0)
        {
            return null;
        }

        var covered = _wal.Rotate();
        var series = _head.All()
            .Select(s => new Checkpoint.SeriesState(s.Ref, s.Labels, s.FirstTimestamp, s.LastTimestamp, s.LastValueBits, s.OpenChunk()))
            .ToList();
        return new Checkpoint.Content(covered, _head.NextRef, series);
    }

    private async Task CompleteCheckpointAsync(Checkpoint.Content? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return;
        }

        var clock = Stopwatch.StartNew();

        // Chunks first: the checkpoint's open chunks and the log after it only cover what is not sealed yet.
        try
        {
            await _chunks.FlushAsync(cancellationToken);
            _lastFlushError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _lastFlushError = ex.Message;
            throw new InvalidOperationException($"chunk store flush failed: {ex.Message}", ex);
        }

        // Open chunks were copied in their growing Gorilla form on the writer; the densest encoding is chosen here.
        content = content with
        {
            Series = [.. content.Series.Select(s => s.OpenChunk is { } open ? s with { OpenChunk = SampleChunk.Recode(open) } : s)],
        };
        Checkpoint.Write(_walDirectory, content);
        _wal.TruncateThrough(content.WalSegment);
        _lastCheckpoint = _time.GetTimestamp();
        _instrumentation.Checkpoints.Inc();
        _instrumentation.CheckpointDuration.Observe(clock.Elapsed.TotalSeconds);
        LogCheckpoint(_logger, content.WalSegment, content.Series.Count, clock.Elapsed.TotalMilliseconds);
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(s_tick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (_wal.BytesSinceRotate >= _options.CheckpointWalBytes
                        || (_wal.BytesSinceRotate > 0 && _time.GetElapsedTime(_lastCheckpoint) >= _options.CheckpointInterval))
                    {
                        await CheckpointAsync(cancellationToken);
                    }

                    if (_time.GetElapsedTime(_lastRetention) >= s_retentionEvery)
                    {
                        await ApplyRetentionAsync(cancellationToken);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException
                                               or ChunkStoreUnavailableException)
                {
                    // Not fatal: the log keeps everything until a later checkpoint succeeds.
                    LogCheckpointFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information,
        Message = "Recovered the head: {CheckpointSeries} series from the checkpoint, {Series} series in all, {Samples} samples replayed from the WAL in {Seconds:F2} s")]
    private static partial void LogRecovered(ILogger logger, int checkpointSeries, int series, long samples, double seconds);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Checkpoint through WAL segment {Segment}: {Series} series in {Milliseconds:F0} ms")]
    private static partial void LogCheckpoint(ILogger logger, int segment, int series, double milliseconds);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Checkpoint or retention failed; the WAL keeps everything until a checkpoint succeeds")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
