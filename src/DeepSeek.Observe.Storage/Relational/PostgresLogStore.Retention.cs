namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Retention: whole day partitions of log_entries go once the day has ended before now − LogRetention.</summary>
internal sealed partial class PostgresLogStore
{
    /// <summary>Drops every day partition past retention; returns how many went. Never throws: the next pass retries.</summary>
    internal async Task<int> EnforceRetentionAsync(CancellationToken cancellationToken)
    {
        // One pass at a time: the timer does not wait for a slow pass before firing again.
        if (Interlocked.Exchange(ref _retaining, 1) == 1)
        {
            return 0;
        }

        var cutoffNs = (clock.GetUtcNow() - _options.LogRetention).ToUnixTimeMilliseconds() * 1_000_000;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var dropped = await _partitions.DropBeforeAsync(connection, cutoffNs, cancellationToken);
            foreach (var table in dropped)
            {
                instrumentation.LogPartitionsDropped.Inc();
                LogPartitionDropped(logger, table, _options.LogRetention);
            }

            return dropped.Count;
        }
        catch (Exception ex) when (IsUnavailable(ex) || ex is OperationCanceledException or ObjectDisposedException)
        {
            // ObjectDisposedException: a pass the timer started as the host disposed the data source.
            LogRetentionFailed(logger, ex.Message);
            return 0;
        }
        finally
        {
            Volatile.Write(ref _retaining, 0);
        }
    }
}
