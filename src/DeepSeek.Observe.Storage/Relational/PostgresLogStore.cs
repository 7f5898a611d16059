using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Embedded;
using DeepSeek.Observe.Storage.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// Log lines in PostgreSQL (<c>--postgres</c>): <c>observe.log_streams</c> (one row per label set) and
/// <c>observe.log_entries</c> (partitioned by UTC day of ts_ns, written by binary COPY). An append is one transaction
/// and returns after its commit, so a receiver acknowledges only durable lines; there is no local spool, so while
/// PostgreSQL is unreachable appends are refused as <see cref="AppendRejection.Unavailable"/> (503 + Retry-After)
/// and the sender retries. Retention drops whole day partitions past <see cref="StorageOptions.LogRetention"/>.
/// <para>
/// Memory holds only the id of every stream (bounded by <see cref="StorageOptions.MaxLogStreams"/>), loaded at start
/// so the stream limit is checked without a round trip and observers learn of every stream, as on an embedded replay.
/// </para>
/// </summary>
internal sealed partial class PostgresLogStore(
    NpgsqlDataSource dataSource,
    IOptions<StorageOptions> options,
    StorageInstrumentation instrumentation,
    IEnumerable<ISeriesCreationObserver> observers,
    TimeProvider clock,
    ILogger<PostgresLogStore> logger)
    : ILogAppender, ILogQuerier, IHostedService, IAsyncDisposable
{
    // As the embedded log store: a minute is fine-grained next to retention measured in days.
    private static readonly TimeSpan s_retentionInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<UInt128, long> _streams = [];
    private readonly DayPartitionSet _partitions = new(DayPartitioning.LogEntries);
    private readonly ISeriesCreationObserver[] _observers = [.. observers];
    private readonly StorageOptions _options = options.Value;
    private ITimer? _retention;
    private int _retaining;
    private volatile bool _open;

    public int StreamCount
    {
        get
        {
            lock (_lock)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>Loads the stream ids and the known partitions; runs after migrations (PostgresStore starts first).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var loaded = new List<LabelSet>();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await _partitions.LoadAsync(connection, cancellationToken);
            await using var command = new NpgsqlCommand("SELECT id, labels_hash, labels FROM observe.log_streams", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lock (_lock)
                {
                    _streams[SeriesIndex.KeyOf(reader.GetFieldValue<byte[]>(1))] = reader.GetInt64(0);
                }

                loaded.Add(LogJson.Labels(reader.GetString(2)));
            }
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StoreStartupException($"cannot open the PostgreSQL log store: {ex.Message}", ex);
        }

        instrumentation.LogStreams.Set(loaded.Count);
        Notify(loaded);
        LogOpened(logger, loaded.Count, _partitions.Count);
        _open = true;
        await EnforceRetentionAsync(cancellationToken);
        _retention = clock.CreateTimer(_ => _ = EnforceRetentionAsync(CancellationToken.None), null, s_retentionInterval, s_retentionInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        _open = false;
        if (_retention is not null)
        {
            await _retention.DisposeAsync();
            _retention = null;
        }
    }

    private void Notify(List<LabelSet> created)
    {
        foreach (var labels in created)
        {
            foreach (var observer in _observers)
            {
                observer.OnSeriesCreated(labels);
            }
        }
    }

    private static bool IsUnavailable(Exception ex) =>
        ex is NpgsqlException or TimeoutException or InvalidOperationException { InnerException: NpgsqlException };
}
