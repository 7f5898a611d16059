using DeepSeek.Observe.Storage.Relational;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeepSeek.Observe.Storage.Internal;

/// <summary>
/// The PostgreSQL store. Start-up applies pending migrations, retrying while the server is still coming up (as it is
/// when the platform and the database start together in Kubernetes or docker-compose) and failing with the reason
/// once <see cref="StorageOptions.MigrationTimeout"/> has passed.
/// </summary>
internal sealed partial class PostgresStore(
    NpgsqlDataSource dataSource,
    IOptions<StorageOptions> options,
    TimeProvider timeProvider,
    ILogger<PostgresStore> logger) : IStore, IHostedService
{
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly string _redacted = PostgresConnectionString.Redact(options.Value.Postgres ?? string.Empty);
    private volatile bool _migrated;

    public StoreKind Kind => StoreKind.PostgreSql;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + options.Value.MigrationTimeout;
        var delay = s_firstRetryDelay;
        while (true)
        {
            try
            {
                var applied = await RelationalMigrator.MigrateAsync(
                    ObserveDbContextOptions.Create(dataSource), cancellationToken);
                LogMigrated(logger, _redacted, applied.Count);
                _migrated = true;
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && timeProvider.GetUtcNow() + delay < deadline)
            {
                LogRetrying(logger, _redacted, delay, ex.Message);
                await Task.Delay(delay, timeProvider, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxRetryDelay.Ticks));
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                throw new StoreStartupException(
                    $"cannot apply migrations to PostgreSQL ({_redacted}): {Describe(ex)}", ex);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<StoreStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            return StoreStatus.Unreachable($"PostgreSQL ({_redacted}): migrations not applied yet");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_probeTimeout);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return StoreStatus.Reachable($"PostgreSQL ({_redacted})");
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return StoreStatus.Unreachable($"PostgreSQL ({_redacted}) unreachable: {Describe(ex)}");
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex switch
        {
            NpgsqlException npgsql => npgsql.IsTransient
                // 57P03 cannot_connect_now: the server is starting up or shutting down.
                || (npgsql as PostgresException)?.SqlState == PostgresErrorCodes.CannotConnectNow,
            InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
            _ => false,
        };

    private static string Describe(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return ReferenceEquals(innermost, ex) ? ex.Message : $"{ex.Message} ({innermost.Message})";
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "PostgreSQL store ready at {Server}; {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string server, int count);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "PostgreSQL at {Server} not reachable yet, retrying in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string server, TimeSpan delay, string reason);
}
