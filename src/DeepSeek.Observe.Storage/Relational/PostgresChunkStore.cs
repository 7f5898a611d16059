using DeepSeek.Observe.Core;
using DeepSeek.Observe.Storage.Chunks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// Sealed chunks in PostgreSQL: <c>observe.series</c> (one row per label set) and <c>observe.sample_chunks</c>
/// (partitioned by UTC day of min_time, written by binary COPY). <see cref="Add"/> only queues; <see cref="FlushAsync"/>
/// commits the queue in transactions of at most <see cref="PostgresChunkStoreOptions.MaxFlushBatchBytes"/> and
/// dequeues a batch only after its commit, so while PostgreSQL is down the chunks (and the head's log behind them)
/// wait instead of being lost.
/// <para>
/// Failures: <see cref="OpenAsync"/>, <see cref="FlushAsync"/>, <see cref="Read"/> and <see cref="DeleteBeforeAsync"/>
/// throw <see cref="ChunkStoreUnavailableException"/> when PostgreSQL cannot be reached. <see cref="Read"/> throws
/// rather than return the queued chunks alone, because a silently partial range would read as missing data.
/// </para>
/// </summary>
internal sealed partial class PostgresChunkStore : IChunkStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresChunkStoreOptions _options;
    private readonly PostgresChunkStoreInstrumentation _instrumentation;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ChunkQueue _queue = new();
    private readonly SeriesIndex _series;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // Day partitions known to exist; a miss costs one CREATE TABLE IF NOT EXISTS. Guarded by _writeLock.
    private readonly DayPartitionSet _partitions = new(DayPartitioning.SampleChunks);

    public PostgresChunkStore(
        NpgsqlDataSource dataSource,
        PostgresChunkStoreOptions options,
        PostgresChunkStoreInstrumentation instrumentation,
        TimeProvider clock,
        ILogger<PostgresChunkStore> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options;
        _instrumentation = instrumentation;
        _clock = clock;
        _logger = logger;
        _series = new SeriesIndex(options.MaxCachedSeries);
    }

    public long PendingBytes => _queue.PendingBytes;

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await _partitions.LoadAsync(connection, cancellationToken);

            // Series with no chunk left (all their days dropped by retention) have nothing replay could duplicate,
            // so only those that end in a kept day are loaded: memory follows retention, not every series ever seen.
            var oldestKept = _partitions.Oldest is { } oldest ? ChunkDay.Start(oldest) : long.MaxValue;
            await using var command = new NpgsqlCommand(
                "SELECT id, labels_hash, max_time FROM observe.series WHERE max_time >= $1", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = oldestKept });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                _series.Set(SeriesIndex.KeyOf(reader.GetFieldValue<byte[]>(1)), reader.GetInt64(0), reader.GetInt64(2));
            }

            LogOpened(_logger, _series.Count, _partitions.Count);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable("open", ex);
        }
    }

    public long PersistedMaxTimestamp(ulong seriesRef, LabelSet labels)
    {
        _series.TryGet(SeriesIndex.KeyOf(SeriesKey.Compute(labels)), out _, out var maxTime);
        return maxTime;
    }

    public void Add(SealedChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var hash = SeriesKey.Compute(chunk.Labels);
        foreach (var part in ChunkDaySplitter.Split(chunk))
        {
            var count = SampleChunk.Count(part.Data);
            _queue.Enqueue(sequence => new QueuedChunk(sequence, part, hash, count));
        }

        _instrumentation.PendingBytes.Set(_queue.PendingBytes);
    }

    public ValueTask DisposeAsync()
    {
        // The data source belongs to the caller (a DI singleton shared with the relational model); chunks still
        // queued are in the head's log, which was not truncated past them.
        _writeLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private static bool IsUnavailable(Exception ex) =>
        ex is NpgsqlException or TimeoutException or InvalidOperationException { InnerException: NpgsqlException };

    private static ChunkStoreUnavailableException Unavailable(string operation, Exception ex) =>
        new($"PostgreSQL chunk store cannot {operation}: {ex.Message}", ex);
}
