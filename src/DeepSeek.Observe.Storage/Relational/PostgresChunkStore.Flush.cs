using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Committing queued chunks: series rows, day partitions, then one COPY transaction per batch.</summary>
internal sealed partial class PostgresChunkStore
{
    private const string CopySql =
        "COPY observe.sample_chunks (series_id, min_time, max_time, sample_count, data) FROM STDIN (FORMAT BINARY)";

    // New series arrive together (a new node brings hundreds), so they are upserted in one statement. DO UPDATE
    // rather than DO NOTHING so RETURNING also yields rows that already existed (written by an earlier process).
    private const string UpsertSeriesSql =
        "INSERT INTO observe.series (fingerprint, labels_hash, labels, min_time, max_time) " +
        "SELECT f, h, l, t, -9223372036854775808 FROM unnest($1::bigint[], $2::bytea[], $3::jsonb[], $4::bigint[]) AS v(f, h, l, t) " +
        "ON CONFLICT (labels_hash) DO UPDATE SET min_time = LEAST(observe.series.min_time, EXCLUDED.min_time) " +
        "RETURNING id, labels_hash, max_time";

    // In the same transaction as the COPY, so max_time is exactly "newest committed chunk" (what replay skips to).
    private const string AdvanceMaxTimeSql =
        "UPDATE observe.series AS s SET max_time = v.t FROM unnest($1::bigint[], $2::bigint[]) AS v(id, t) " +
        "WHERE s.id = v.id AND s.max_time < v.t";

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // Only what was added before the call: a steady stream of new chunks must not keep a flush running.
            var upTo = _queue.LastSequence;
            while (_queue.PeekOldest(upTo, _options.MaxFlushBatchBytes) is { Count: > 0 } batch)
            {
                var started = _clock.GetTimestamp();
                try
                {
                    await WriteBatchAsync(batch, cancellationToken);
                }
                catch (Exception ex) when (IsUnavailable(ex))
                {
                    _instrumentation.FlushFailures.Inc();
                    LogFlushFailed(_logger, batch.Count, _queue.Count, ex.Message);
                    throw Unavailable("flush", ex);
                }

                _queue.RemoveOldest(batch.Count);
                _instrumentation.FlushDuration.Observe(_clock.GetElapsedTime(started).TotalSeconds);
                _instrumentation.ChunksFlushed.Inc(batch.Count);
                _instrumentation.BytesFlushed.Inc(batch.Sum(c => c.Chunk.Data.Length));
                _instrumentation.PendingBytes.Set(_queue.PendingBytes);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task WriteBatchAsync(List<QueuedChunk> batch, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var ids = await ResolveSeriesAsync(connection, batch, cancellationToken);
        var created = await _partitions.EnsureAsync(connection, batch.Select(c => c.Chunk.MinTimestamp), null, cancellationToken);
        created.ForEach(day => LogPartitionCreated(_logger, day));

        var newest = new Dictionary<long, long>();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                await using (var writer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var chunk = batch[i].Chunk;
                        await writer.StartRowAsync(cancellationToken);
                        await writer.WriteAsync(ids[i], NpgsqlDbType.Bigint, cancellationToken);
                        await writer.WriteAsync(chunk.MinTimestamp, NpgsqlDbType.Bigint, cancellationToken);
                        await writer.WriteAsync(chunk.MaxTimestamp, NpgsqlDbType.Bigint, cancellationToken);
                        await writer.WriteAsync(batch[i].SampleCount, NpgsqlDbType.Integer, cancellationToken);
                        await writer.WriteAsync(chunk.Data, NpgsqlDbType.Bytea, cancellationToken);
                        newest[ids[i]] = Math.Max(newest.GetValueOrDefault(ids[i], long.MinValue), chunk.MaxTimestamp);
                    }

                    await writer.CompleteAsync(cancellationToken);
                }

                await using (var advance = new NpgsqlCommand(AdvanceMaxTimeSql, connection, transaction))
                {
                    advance.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. newest.Keys] });
                    advance.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. newest.Values] });
                    await advance.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CheckViolation)
            {
                // "no partition of relation found for row": a partition this process believed in was dropped by
                // another instance's retention; forget them all so the retry creates what is missing.
                _partitions.Clear();
                throw;
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            _series.Set(SeriesIndex.KeyOf(batch[i].SeriesHash), ids[i], batch[i].Chunk.MaxTimestamp);
        }
    }

    /// <summary>The series id of each chunk of <paramref name="batch"/>, upserting the series not yet known.</summary>
    private async Task<long[]> ResolveSeriesAsync(NpgsqlConnection connection, List<QueuedChunk> batch, CancellationToken cancellationToken)
    {
        var ids = new long[batch.Count];
        var missing = new Dictionary<UInt128, QueuedChunk>();
        for (var i = 0; i < batch.Count; i++)
        {
            var key = SeriesIndex.KeyOf(batch[i].SeriesHash);
            if (_series.TryGet(key, out var id, out _))
            {
                ids[i] = id;
            }
            else if (!missing.TryGetValue(key, out var first) || first.Chunk.MinTimestamp > batch[i].Chunk.MinTimestamp)
            {
                missing[key] = batch[i];
            }
        }

        if (missing.Count == 0)
        {
            return ids;
        }

        var created = missing.Values.ToList();
        var resolved = new Dictionary<UInt128, long>(created.Count);
        await using (var command = new NpgsqlCommand(UpsertSeriesSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. created.Select(c => unchecked((long)c.Chunk.Labels.Fingerprint))] });
            command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. created.Select(c => c.SeriesHash)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. created.Select(c => JsonSerializer.Serialize(c.Chunk.Labels))], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. created.Select(c => c.Chunk.MinTimestamp)] });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = SeriesIndex.KeyOf(reader.GetFieldValue<byte[]>(1));
                resolved[key] = reader.GetInt64(0);
                _series.Set(key, reader.GetInt64(0), reader.GetInt64(2));
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (ids[i] == 0)
            {
                ids[i] = resolved[SeriesIndex.KeyOf(batch[i].SeriesHash)];
            }
        }

        return ids;
    }
}
