using Npgsql;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// The day partitions of one partitioned table that a store knows to exist: a miss costs one
/// <c>CREATE TABLE IF NOT EXISTS</c>, and retention drops whole days (which frees their space at once and leaves no
/// dead rows to vacuum). Safe for concurrent writers: two that create the same day race only inside PostgreSQL, where
/// the loser's creation fails harmlessly.
/// </summary>
internal sealed class DayPartitionSet(DayPartitioning days)
{
    private readonly Lock _lock = new();
    private readonly HashSet<long> _known = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _known.Count;
            }
        }
    }

    /// <summary>The oldest known day, or null when there is none.</summary>
    public long? Oldest
    {
        get
        {
            lock (_lock)
            {
                return _known.Count == 0 ? null : _known.Min();
            }
        }
    }

    /// <summary>Forgets every day, so the next <see cref="EnsureAsync"/> re-issues its (idempotent) creation.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _known.Clear();
        }
    }

    /// <summary>Re-reads the catalog: other instances may have created or dropped days this one never touched.</summary>
    public async Task LoadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid " +
            $"WHERE i.inhparent = 'observe.{days.Table}'::regclass", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var loaded = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (days.TryParse(reader.GetString(0), out var day))
            {
                loaded.Add(day);
            }
        }

        lock (_lock)
        {
            _known.Clear();
            _known.UnionWith(loaded);
        }
    }

    /// <summary>
    /// Creates the partitions of <paramref name="timestamps"/>' days not known yet; returns the names of those it
    /// issued a creation for. Inside <paramref name="transaction"/>, each creation runs under a savepoint, so losing
    /// a creation race to another writer does not abort the caller's transaction; the days become known only when
    /// <paramref name="transaction"/> is null (the caller calls <see cref="MarkKnown"/> after its commit otherwise,
    /// since a rollback would undo the creation too).
    /// </summary>
    public async Task<List<long>> EnsureAsync(
        NpgsqlConnection connection, IEnumerable<long> timestamps, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        List<long> missing;
        lock (_lock)
        {
            missing = [.. timestamps.Select(days.Of).Distinct().Where(d => !_known.Contains(d))];
        }

        var created = new List<long>();
        foreach (var day in missing)
        {
            const string savepoint = "create_partition";
            if (transaction is not null)
            {
                await transaction.SaveAsync(savepoint, cancellationToken);
            }

            try
            {
                await using var command = new NpgsqlCommand(days.CreateSql(day), connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
            {
                // Another writer created it between our IF NOT EXISTS check and our insert into the catalog.
                if (transaction is not null)
                {
                    await transaction.RollbackAsync(savepoint, cancellationToken);
                }
            }

            created.Add(day);
        }

        if (transaction is null)
        {
            MarkKnown(created);
        }

        return created;
    }

    public void MarkKnown(IEnumerable<long> created)
    {
        lock (_lock)
        {
            _known.UnionWith(created);
        }
    }

    /// <summary>
    /// Drops every day that ends at or before <paramref name="cutoff"/> (a row never leaves its day, so such a day is
    /// wholly older; the day holding the cutoff is kept until it has passed); returns the dropped tables' names.
    /// </summary>
    public async Task<List<string>> DropBeforeAsync(NpgsqlConnection connection, long cutoff, CancellationToken cancellationToken)
    {
        await LoadAsync(connection, cancellationToken);
        List<long> expired;
        lock (_lock)
        {
            expired = [.. _known.Where(d => days.Start(d + 1) <= cutoff).Order()];
        }

        var dropped = new List<string>();
        foreach (var day in expired)
        {
            var table = days.TableName(day);
            await using var command = new NpgsqlCommand($"DROP TABLE IF EXISTS observe.{table}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            lock (_lock)
            {
                _known.Remove(day);
            }

            dropped.Add(table);
        }

        return dropped;
    }
}
