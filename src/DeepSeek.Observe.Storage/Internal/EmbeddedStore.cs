using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Chunks;
using DeepSeek.Observe.Storage.Embedded;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Storage.Internal;

/// <summary>
/// The embedded store: the data directory and the time-series and log stores in it (<c>wal/</c>, <c>logs/</c>). Two processes writing one directory
/// would corrupt it, so, as Prometheus does, the first to start holds an exclusive lock file until it stops.
/// </summary>
internal sealed partial class EmbeddedStore(
    IOptions<StorageOptions> options,
    StorageInstrumentation instrumentation,
    ChunkStoreFactory chunkStores,
    IEnumerable<ISeriesCreationObserver> observers,
    TimeProvider clock,
    ILogger<EmbeddedStore> logger)
    : IStore, ISampleAppender, ISeriesQuerier, ILogAppender, ILogQuerier, IHostedService, IAsyncDisposable
{
    private const string LockFileName = "lock";
    private const string ProbeFileName = ".ready-probe";

    private readonly string _directory = Path.GetFullPath(options.Value.DataDirectory);
    private FileStream? _lock;
    private EmbeddedTsdb? _tsdb;
    private EmbeddedLogStore? _logs;

    public StoreKind Kind => StoreKind.Embedded;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(_directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreStartupException($"cannot create data directory {_directory}: {ex.Message}", ex);
        }

        var lockPath = Path.Combine(_directory, LockFileName);
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix: released by the kernel even after kill -9.
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            _lock.SetLength(0);
            using var writer = new StreamWriter(_lock, leaveOpen: true);
            writer.Write(Environment.ProcessId);
        }
        catch (IOException ex)
        {
            throw new StoreStartupException(
                $"data directory {_directory} is in use by another process (lock file {lockPath}); "
                + "stop it or choose another --data directory", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreStartupException($"data directory {_directory} is not writable: {ex.Message}", ex);
        }

        try
        {
            // Log streams are normalised like series: the same observers resolve their entities.
            var notify = observers.ToArray();
            void Notify(LabelSet labels)
            {
                foreach (var observer in notify)
                {
                    observer.OnSeriesCreated(labels);
                }
            }

            var chunks = chunkStores.Create(_directory);
            _tsdb = await EmbeddedTsdb.OpenAsync(_directory, options.Value, chunks, clock, instrumentation, logger, Notify, cancellationToken);

            // With --postgres the log lines go to PostgreSQL (PostgresLogStore), so <data>/logs is not opened.
            if (options.Value.Kind == StoreKind.Embedded)
            {
                _logs = EmbeddedLogStore.Open(Path.Combine(_directory, "logs"), options.Value, instrumentation, clock, logger, Notify);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException
                                       or ChunkStoreUnavailableException)
        {
            throw new StoreStartupException($"cannot open the store in {_directory}: {ex.Message}", ex);
        }

        LogOpened(logger, _directory, _tsdb.SeriesCount, _logs?.StreamCount ?? 0);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public ValueTask<AppendResult> AppendAsync(IReadOnlyList<SeriesSamples> batch, CancellationToken cancellationToken) =>
        Tsdb.AppendAsync(batch, cancellationToken);

    public IReadOnlyList<LabelSet> Series(IReadOnlyList<LabelMatcher> matchers, long startMs, long endMs, int limit) =>
        Tsdb.Series(matchers, startMs, endMs, limit);

    public IReadOnlyList<Sample> Samples(LabelSet series, long startMs, long endMs) => Tsdb.Samples(series, startMs, endMs);

    public ValueTask<int> AppendAsync(IReadOnlyList<StreamEntries> batch, CancellationToken cancellationToken) =>
        Logs.AppendAsync(batch, cancellationToken);

    public IReadOnlyList<StreamEntries> Query(LogQuery query) => Logs.Query(query);

    public IReadOnlyList<LabelSet> Streams(IReadOnlyList<LabelMatcher> matchers, long startNs, long endNs, int limit) =>
        Logs.Streams(matchers, startNs, endNs, limit);

    public async Task<StoreStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_lock is null || _tsdb is null)
        {
            return StoreStatus.Unreachable($"embedded store at {_directory} is not open");
        }

        if ((_tsdb.Failure ?? _logs?.Failure) is { } failure)
        {
            return StoreStatus.Unreachable($"embedded store at {_directory} cannot write: {failure.Message}");
        }

        // A write, not a stat: a full or read-only file system must make the platform not ready.
        var probe = Path.Combine(_directory, ProbeFileName);
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            File.Delete(probe);
            return StoreStatus.Reachable($"embedded store at {_directory}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return StoreStatus.Unreachable($"embedded store at {_directory} is not writable: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_logs is not null)
        {
            await _logs.DisposeAsync();
            _logs = null;
        }

        if (_tsdb is not null)
        {
            await _tsdb.DisposeAsync();
            _tsdb = null;
        }

        // Released last: the directory stays ours until every write has been flushed.
        _lock?.Dispose();
        _lock = null;
    }

    private EmbeddedTsdb Tsdb =>
        _tsdb ?? throw new AppendRejectedException(AppendRejection.Unavailable, $"embedded store at {_directory} is not open");

    private EmbeddedLogStore Logs =>
        _logs ?? throw new AppendRejectedException(AppendRejection.Unavailable, $"embedded store at {_directory} is not open");

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Embedded store opened at {Directory} with {Series} series and {Streams} log streams")]
    private static partial void LogOpened(ILogger logger, string directory, int series, int streams);
}
