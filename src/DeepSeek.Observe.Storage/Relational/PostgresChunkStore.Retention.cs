using Npgsql;

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

            // Re-read the catalog: other instances may have created days this one never wrote to.
            await LoadPartitionsAsync(connection, cancellationToken);

            // A day's chunks all end before the next day starts, so a day ending at or before the cutoff is wholly
            // older; the day holding the cutoff is kept until it has passed ("may keep some a little longer").
            foreach (var day in _partitions.Where(d => ChunkDay.Start(d + 1) <= cutoffMs).Order().ToList())
            {
                var table = ChunkDay.TableName(day);
                await using var command = new NpgsqlCommand($"DROP TABLE IF EXISTS observe.{table}", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
                _partitions.Remove(day);
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
