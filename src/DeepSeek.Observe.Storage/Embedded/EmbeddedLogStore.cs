using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Core.Series;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>
/// The embedded log store (<c>&lt;data&gt;/logs</c>): its write-ahead log <em>is</em> the storage. A write is one
/// Brotli-compressed record, made durable by group commit before it is acknowledged; memory holds only the stream
/// index (postings by label) and, per stream, where its records are and what time they cover. Start-up rebuilds the
/// index by reading every record; retention deletes whole segments once their newest line is past
/// <see cref="StorageOptions.LogRetention"/>.
/// </summary>
internal sealed partial class EmbeddedLogStore : ILogAppender, ILogQuerier, IAsyncDisposable
{
    // How often retention looks for expired segments: a minute is fine-grained next to retention measured in days.
    private static readonly TimeSpan s_retentionInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly LabelIndex<MemLogStream> _index = new(stream => stream.Labels);
    private readonly Dictionary<int, long> _segmentMaxNs = [];
    private readonly StorageOptions _options;
    private readonly StorageInstrumentation _instrumentation;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Action<LabelSet> _onStreamCreated;
    private readonly WriteAheadLog _wal;
    private readonly GroupCommitLog _log;
    private readonly ITimer _retention;

    private EmbeddedLogStore(
        string directory, StorageOptions options, StorageInstrumentation instrumentation, TimeProvider clock, ILogger logger, Action<LabelSet> onStreamCreated)
    {
        _options = options;
        _instrumentation = instrumentation;
        _clock = clock;
        _logger = logger;
        _onStreamCreated = onStreamCreated;
        var lines = 0L;
        _wal = WriteAheadLog.Open(directory, options.LogSegmentBytes, (position, payload) =>
        {
            var batch = LogWalRecord.Decode(payload);
            Index(position, batch);
            lines += batch.Sum(s => s.Entries.Count);
        }, logger);
        LogReplayed(logger, _index.Count, lines);
        _log = new GroupCommitLog(_wal, options.MaxPendingWrites, options.PendingWriteWait,
            (duration, _) => _instrumentation.LogSyncDuration.Observe(duration.TotalSeconds), logger);
        EnforceRetention();
        _retention = clock.CreateTimer(_ => EnforceRetention(), null, s_retentionInterval, s_retentionInterval);
    }

    /// <summary>Opens (and indexes) the log store in <paramref name="directory"/>; <paramref name="onStreamCreated"/> hears of every stream.</summary>
    public static EmbeddedLogStore Open(
        string directory, StorageOptions options, StorageInstrumentation instrumentation, TimeProvider clock, ILogger logger,
        Action<LabelSet>? onStreamCreated = null) =>
        new(directory, options, instrumentation, clock, logger, onStreamCreated ?? (_ => { }));

    public int StreamCount
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>Why writes fail, once the log could not be written; null while healthy.</summary>
    public Exception? Failure => _log.Failure;

    public async ValueTask<int> AppendAsync(IReadOnlyList<StreamEntries> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var lines = batch.Sum(s => s.Entries.Count);
        if (lines == 0)
        {
            return 0;
        }

        CheckStreamLimit(batch, lines);
        await _log.ReserveAsync(cancellationToken);
        PendingLogWrite pending;
        try
        {
            pending = new PendingLogWrite(LogWalRecord.Encode(batch), batch, Index);
        }
        catch
        {
            _log.Release();
            throw;
        }

        _log.Enqueue(pending);
        await pending.Completion.Task.WaitAsync(cancellationToken);
        _instrumentation.LogEntriesAppended.Inc(lines);
        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        await _retention.DisposeAsync();
        await _log.DisposeAsync();
    }

    // A soft cap: two writes racing past it may overshoot by their new streams, which bounds memory all the same.
    private void CheckStreamLimit(IReadOnlyList<StreamEntries> batch, int lines)
    {
        lock (_lock)
        {
            var added = batch.Select(s => s.Labels).Where(l => _index.Find(l) is null).Distinct().Count();
            if (added > 0 && _index.Count + added > _options.MaxLogStreams)
            {
                _instrumentation.LogEntriesRejected.WithLabels(nameof(AppendRejection.LimitExceeded)).Inc(lines);
                throw new AppendRejectedException(AppendRejection.LimitExceeded,
                    $"log stream limit of {_options.MaxLogStreams} reached (Storage:MaxLogStreams); refused {added} new stream(s)");
            }
        }
    }

    /// <summary>Makes a durable record's lines findable: runs on the writer after fsync, and on replay.</summary>
    private void Index(WalPosition position, IReadOnlyList<StreamEntries> batch)
    {
        var created = new List<LabelSet>();
        lock (_lock)
        {
            foreach (var stream in batch)
            {
                if (stream.Entries.Count == 0)
                {
                    continue;
                }

                var min = long.MaxValue;
                var max = long.MinValue;
                foreach (var entry in stream.Entries)
                {
                    min = Math.Min(min, entry.TimestampNs);
                    max = Math.Max(max, entry.TimestampNs);
                }

                var indexed = _index.Find(stream.Labels);
                if (indexed is null)
                {
                    _index.Add(indexed = new MemLogStream(stream.Labels));
                    created.Add(stream.Labels);
                }

                indexed.Add(new LogChunkRef(position, min, max));
                _segmentMaxNs[position.Segment] = Math.Max(_segmentMaxNs.GetValueOrDefault(position.Segment, long.MinValue), max);
            }

            _instrumentation.LogStreams.Set(_index.Count);
        }

        foreach (var labels in created)
        {
            _onStreamCreated(labels);
        }
    }

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "Indexed the log store: {Streams} streams, {Lines} lines")]
    private static partial void LogReplayed(ILogger logger, int streams, long lines);
}
