using DeepSeek.Observe.Core;
using Npgsql;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Reading a series' chunks: committed ones from PostgreSQL merged with those still queued.</summary>
internal sealed partial class PostgresChunkStore
{
    // min_time >= the first day's start adds nothing to the result (a chunk never leaves its day, so one that ends
    // at or after minT starts on or after minT's day) but lets the planner skip every older day partition.
    private const string ReadSql =
        "SELECT min_time, max_time, data FROM observe.sample_chunks " +
        "WHERE series_id = (SELECT id FROM observe.series WHERE labels_hash = $1) " +
        "AND max_time >= $2 AND min_time <= $3 AND min_time >= $4 ORDER BY min_time, max_time";

    public IReadOnlyList<byte[]> Read(ulong seriesRef, LabelSet labels, long minT, long maxT)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (minT > maxT)
        {
            return [];
        }

        // The queue is looked at before PostgreSQL: a chunk committed in between is then seen twice (and dropped
        // below), whereas the other order could miss one committed and dequeued between the two looks.
        var queued = _queue.Overlapping(seriesRef, minT, maxT);
        var hash = SeriesKey.Compute(labels);
        var known = _series.TryGet(SeriesIndex.KeyOf(hash), out _, out var committedMax);

        // Recent ranges (the common query) of a series whose committed chunks all end earlier need no round trip,
        // and keep working while PostgreSQL is down; nor does a series that has no committed chunk at all (the head
        // holds all of it), which the index knows while it is complete.
        var stored = (known && committedMax < minT) || (!known && _series.IsComplete) ? [] : Query(hash, minT, maxT);
        return Merge(stored, queued);
    }

    private List<(long MinTime, long MaxTime, byte[] Data)> Query(byte[] hash, long minT, long maxT)
    {
        var stored = new List<(long, long, byte[])>();
        try
        {
            // The querier's interface is synchronous, so is this round trip; ReadTimeout bounds it.
            using var connection = _dataSource.OpenConnection();
            using var command = new NpgsqlCommand(ReadSql, connection) { CommandTimeout = (int)Math.Ceiling(_options.ReadTimeout.TotalSeconds) };
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = minT });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxT });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ChunkDay.Start(ChunkDay.Of(minT)) });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                stored.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
            }
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            LogReadFailed(_logger, ex.Message);
            throw Unavailable("read", ex);
        }

        return stored;
    }

    private static List<byte[]> Merge(List<(long MinTime, long MaxTime, byte[] Data)> stored, List<QueuedChunk> queued)
    {
        var merged = new List<(long MinTime, long MaxTime, byte[] Data)>(stored.Count + queued.Count);
        merged.AddRange(stored);
        foreach (var chunk in queued)
        {
            var c = chunk.Chunk;
            if (!stored.Exists(s => s.MinTime == c.MinTimestamp && s.MaxTime == c.MaxTimestamp && s.Data.AsSpan().SequenceEqual(c.Data)))
            {
                merged.Add((c.MinTimestamp, c.MaxTimestamp, c.Data));
            }
        }

        // Stable: committed chunks come out in SQL's order and queued ones (newer as a rule) after equal keys.
        return [.. merged.OrderBy(c => c.MinTime).ThenBy(c => c.MaxTime).Select(c => c.Data)];
    }
}
