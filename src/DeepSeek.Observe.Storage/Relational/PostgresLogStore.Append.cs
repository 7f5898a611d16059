using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Core.Series;
using Npgsql;
using NpgsqlTypes;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Appending: stream upsert, day partitions and a binary COPY of the lines, in one transaction.</summary>
internal sealed partial class PostgresLogStore
{
    private const string CopySql = "COPY observe.log_entries (stream_id, ts_ns, line, metadata) FROM STDIN (FORMAT BINARY)";

    // DO UPDATE (a no-op) rather than DO NOTHING so RETURNING also yields rows another process inserted. Rows are
    // locked in hash order, so two appends upserting overlapping streams wait for each other instead of deadlocking.
    private const string UpsertStreamsSql =
        "INSERT INTO observe.log_streams (labels_hash, labels) " +
        "SELECT h, l FROM unnest($1::bytea[], $2::jsonb[]) AS v(h, l) ORDER BY h " +
        "ON CONFLICT (labels_hash) DO UPDATE SET labels_hash = EXCLUDED.labels_hash RETURNING id, labels_hash";

    public async ValueTask<int> AppendAsync(IReadOnlyList<StreamEntries> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var streams = batch.Where(s => s.Entries.Count > 0).ToList();
        var lines = streams.Sum(s => s.Entries.Count);
        if (lines == 0)
        {
            return 0;
        }

        if (!_open)
        {
            throw new AppendRejectedException(AppendRejection.Unavailable, "the PostgreSQL log store is not open");
        }

        var keys = streams.Select(s => s.Labels).Distinct().ToDictionary(l => l, l => SeriesKey.Compute(l));
        var missing = CheckStreamLimit(keys, lines);
        try
        {
            var created = await WriteAsync(streams, keys, missing, cancellationToken);
            Notify(created);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            instrumentation.LogEntriesRejected.WithLabels(nameof(AppendRejection.Unavailable)).Inc(lines);
            LogAppendFailed(logger, lines, ex.Message);
            throw new AppendRejectedException(AppendRejection.Unavailable, $"PostgreSQL log store cannot append: {ex.Message}", ex);
        }

        instrumentation.LogEntriesAppended.Inc(lines);
        return lines;
    }

    /// <summary>The streams not known yet; refuses the write when they would pass the stream limit.</summary>
    // A soft cap, as the embedded store's: two writes racing past it may overshoot by their new streams.
    private List<LabelSet> CheckStreamLimit(Dictionary<LabelSet, byte[]> keys, int lines)
    {
        lock (_lock)
        {
            var missing = keys.Where(k => !_streams.ContainsKey(SeriesIndex.KeyOf(k.Value))).Select(k => k.Key).ToList();
            if (missing.Count > 0 && _streams.Count + missing.Count > _options.MaxLogStreams)
            {
                instrumentation.LogEntriesRejected.WithLabels(nameof(AppendRejection.LimitExceeded)).Inc(lines);
                throw new AppendRejectedException(AppendRejection.LimitExceeded,
                    $"log stream limit of {_options.MaxLogStreams} reached (Storage:MaxLogStreams); refused {missing.Count} new stream(s)");
            }

            return missing;
        }
    }

    /// <summary>Commits the lines; returns the streams this process had not seen, once they are durable.</summary>
    private async Task<List<LabelSet>> WriteAsync(
        List<StreamEntries> streams, Dictionary<LabelSet, byte[]> keys, List<LabelSet> missing, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = await ResolveStreamsAsync(connection, transaction, keys, missing, cancellationToken);
        var days = await _partitions.EnsureAsync(
            connection, streams.SelectMany(s => s.Entries.Select(e => e.TimestampNs)), transaction, cancellationToken);
        try
        {
            await using (var writer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken))
            {
                foreach (var stream in streams)
                {
                    var id = ids[stream.Labels];
                    foreach (var entry in stream.Entries)
                    {
                        await writer.StartRowAsync(cancellationToken);
                        await writer.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                        await writer.WriteAsync(entry.TimestampNs, NpgsqlDbType.Bigint, cancellationToken);
                        await writer.WriteAsync(entry.Line, NpgsqlDbType.Text, cancellationToken);
                        if (entry.Metadata.Count == 0)
                        {
                            await writer.WriteNullAsync(cancellationToken);
                        }
                        else
                        {
                            await writer.WriteAsync(LogJson.Serialize(entry.Metadata), NpgsqlDbType.Jsonb, cancellationToken);
                        }
                    }
                }

                await writer.CompleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CheckViolation)
        {
            // "no partition of relation found for row": another instance's retention dropped a day this process
            // believed in; forget them all so the sender's retry creates what is missing.
            _partitions.Clear();
            throw;
        }

        _partitions.MarkKnown(days);
        lock (_lock)
        {
            foreach (var labels in missing)
            {
                _streams[SeriesIndex.KeyOf(keys[labels])] = ids[labels];
            }

            instrumentation.LogStreams.Set(_streams.Count);
        }

        return missing;
    }

    /// <summary>The id of every stream of the batch, upserting those this process does not know.</summary>
    private async Task<Dictionary<LabelSet, long>> ResolveStreamsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<LabelSet, byte[]> keys, List<LabelSet> missing,
        CancellationToken cancellationToken)
    {
        var ids = new Dictionary<LabelSet, long>(keys.Count);
        lock (_lock)
        {
            foreach (var (labels, hash) in keys)
            {
                if (_streams.TryGetValue(SeriesIndex.KeyOf(hash), out var id))
                {
                    ids[labels] = id;
                }
            }
        }

        if (missing.Count == 0)
        {
            return ids;
        }

        var byKey = missing.ToDictionary(l => SeriesIndex.KeyOf(keys[l]));
        await using var command = new NpgsqlCommand(UpsertStreamsSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. missing.Select(l => keys[l])], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. missing.Select(LogJson.Serialize)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[byKey[SeriesIndex.KeyOf(reader.GetFieldValue<byte[]>(1))]] = reader.GetInt64(0);
        }

        return ids;
    }
}
