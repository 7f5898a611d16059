using DeepSeek.Observe.Storage.Chunks;
using DeepSeek.Observe.Storage.Relational;
using DeepSeek.Observe.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>The chunk store contract and PostgreSQL specifics (partitions, series rows, outages) against a real server.</summary>
public sealed class PostgresChunkStoreTests : ChunkStoreContract
{
    private TestDatabase? _database;
    private NpgsqlDataSource? _dataSource;

    private TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync().WaitAsync(Timeout);
        await RelationalMigrator.MigrateAsync(ObserveDbContextOptions.Create(_database.ConnectionString), CancellationToken.None).WaitAsync(Timeout);
        // Pooled, as the platform's data source is (TestDatabase's own connection string does not pool).
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Pooling = true }.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Add_ChunkAcrossMidnight_IsStoredAsOneChunkPerDay()
    {
        var chunk = Chunk(1, Day0 + DayMs - (10 * ScrapeMs), 20);
        await using var store = await OpenAsync();

        store.Add(chunk);
        await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);

        var parts = store.Read(1, chunk.Labels, long.MinValue, long.MaxValue);
        Assert.Equal(2, parts.Count);
        Assert.Equal(SampleChunk.Decode(chunk.Data), parts.SelectMany(p => SampleChunk.Decode(p)));
        Assert.Equal(["sample_chunks_20261123", "sample_chunks_20261124"], await PartitionsAsync());
    }

    [Fact]
    public async Task FlushAsync_NewDays_CreatesDayPartitionsThatStoreChunksUncompressed()
    {
        await using var store = await OpenAsync();
        store.Add(Chunk(1, Day0, 10));
        store.Add(Chunk(1, Day0 + (2 * DayMs), 10));

        await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(["sample_chunks_20261123", "sample_chunks_20261125"], await PartitionsAsync());

        // STORAGE EXTERNAL ('e') is inherited from the parent: chunks are compressed already, pglz would only burn CPU.
        var storage = await ScalarAsync<string>(
            "SELECT attstorage::text FROM pg_attribute WHERE attrelid = 'observe.sample_chunks_20261125'::regclass AND attname = 'data'");
        Assert.Equal("e", storage);
    }

    [Fact]
    public async Task DeleteBeforeAsync_OldDays_DropsTheirPartitions()
    {
        await using var store = await OpenAsync();
        for (var day = 0; day < 4; day++)
        {
            store.Add(Chunk(1, Day0 + (day * DayMs), 10));
        }

        await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);

        await store.DeleteBeforeAsync(Day0 + (2 * DayMs), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(["sample_chunks_20261125", "sample_chunks_20261126"], await PartitionsAsync());
    }

    [Fact]
    public async Task FlushAsync_TwoStoresSameSeries_ShareOneSeriesRowQueryableByLabels()
    {
        await using (var first = await OpenAsync())
        {
            first.Add(Chunk(11, Day0, 10));
            await first.FlushAsync(CancellationToken.None).WaitAsync(Timeout);
        }

        // A second store that never saw the series (its index starts empty) must find the existing row, not add one.
        await using (var second = CreateStore(new PostgresChunkStoreOptions { MaxCachedSeries = 1 }))
        {
            await second.OpenAsync(CancellationToken.None).WaitAsync(Timeout);
            second.Add(Chunk(12, Day0, 10));
            second.Add(Chunk(11, Day0 + HourMs, 10));
            await second.FlushAsync(CancellationToken.None).WaitAsync(Timeout);
        }

        Assert.Equal(2, await ScalarAsync<long>("SELECT count(*) FROM observe.series"));
        var gpu3 = await ScalarAsync<string>("SELECT labels->>'Hostname' FROM observe.series WHERE labels @> '{\"gpu\": \"3\"}'");
        Assert.Equal("node-1", gpu3);
        Assert.Equal(2, await ScalarAsync<long>(
            "SELECT count(*) FROM observe.sample_chunks c JOIN observe.series s ON s.id = c.series_id WHERE s.labels @> '{\"gpu\": \"3\"}'"));
    }

    [Fact]
    public async Task FlushAsync_MoreThanOneBatch_CommitsEverything()
    {
        await using var store = CreateStore(new PostgresChunkStoreOptions { MaxFlushBatchBytes = 64 * 1024 });
        await store.OpenAsync(CancellationToken.None).WaitAsync(Timeout);
        var chunks = Enumerable.Range(0, 2_000).Select(i => Chunk((ulong)(i % 50), Day0 + (i / 50 * HourMs), 240)).ToList();
        chunks.ForEach(store.Add);
        Assert.True(store.PendingBytes > 3 * 64 * 1024);

        await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(0, store.PendingBytes);
        Assert.Equal(2_000, await ScalarAsync<long>("SELECT count(*) FROM observe.sample_chunks"));
        Assert.Equal(2_000L * 240, await ScalarAsync<long>("SELECT sum(sample_count) FROM observe.sample_chunks"));
    }

    [Fact]
    public async Task Read_ServerUnreachable_ThrowsUnavailable()
    {
        var chunk = Chunk(1, Day0, 10);
        await using var store = await OpenAsync();
        store.Add(chunk);
        await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);
        await BreakStorageAsync();
        try
        {
            var error = Assert.Throws<ChunkStoreUnavailableException>(() => store.Read(1, chunk.Labels, Day0, Day0 + DayMs));
            Assert.Contains("PostgreSQL chunk store cannot read", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreStorageAsync();
        }
    }

    [Fact]
    public async Task Read_RangeAfterCommittedChunksWhileServerUnreachable_ServesQueuedChunks()
    {
        var committed = Chunk(1, Day0, 10);
        var queued = Chunk(1, Day0 + HourMs, 10);
        await using var store = await OpenAsync();
        store.Add(committed);
        await store.FlushAsync(CancellationToken.None).WaitAsync(Timeout);
        store.Add(queued);
        await BreakStorageAsync();
        try
        {
            // Nothing committed ends after the committed chunk, so no round trip is needed for the recent range.
            Assert.Equal([queued.Data], store.Read(1, queued.Labels, committed.MaxTimestamp + 1, long.MaxValue));
        }
        finally
        {
            await RestoreStorageAsync();
        }
    }

    private protected override IChunkStore CreateStore() => CreateStore(new PostgresChunkStoreOptions());

    private protected override Task BreakStorageAsync()
    {
        // Renaming needs the database without sessions: close the pool's idle connections first. Every later
        // attempt to connect then fails with "database does not exist", as after a real outage.
        _dataSource!.Clear();
        return Database.TakeAwayAsync();
    }

    private protected override Task RestoreStorageAsync() => Database.BringBackAsync();

    private PostgresChunkStore CreateStore(PostgresChunkStoreOptions options) =>
        new(_dataSource ?? throw new InvalidOperationException("not initialised"), options, new PostgresChunkStoreInstrumentation(),
            TimeProvider.System, NullLogger<PostgresChunkStore>.Instance);

    private async Task<List<string>> PartitionsAsync()
    {
        await using var command = _dataSource!.CreateCommand(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid " +
            "WHERE i.inhparent = 'observe.sample_chunks'::regclass ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(Timeout);
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _dataSource!.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync().WaitAsync(Timeout))!;
    }
}
