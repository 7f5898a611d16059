namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Retention: whole day partitions are dropped, which frees their space at once and leaves no dead rows to vacuum.</summary>
internal sealed partial class PostgresChunkStore
{
    public async Task DeleteBeforeAsync(long cutoffMs, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);

            foreach (var table in await _partitions.DropBeforeAsync(connection, cutoffMs, cancellationToken))
            {
                _instrumentation.PartitionsDropped.Inc();
                LogPartitionDropped(_logger, table, cutoffMs);
            }
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable("apply retention", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
