using DeepSeek.Observe.Core;
using DeepSeek.Observe.Storage.Relational;
using DeepSeek.Observe.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>Migrations and the relational model against a real PostgreSQL (started by tests/run.sh).</summary>
public class PostgresMigrationTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset s_seen = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryMigrationAndEntityRoundTrips()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = ObserveDbContextOptions.Create(database.ConnectionString);

        var applied = await RelationalMigrator.MigrateAsync(options, CancellationToken.None).WaitAsync(s_timeout);

        await using (var context = new ObserveDbContext(options))
        {
            Assert.Equal(context.Database.GetMigrations(), applied);
            var node = NewEntity(EntityId.Node("node-1"), new Label("Hostname", "node-1"));
            var gpu = NewEntity(EntityId.Gpu("node-1", "0"), new Label("Hostname", "node-1"), new Label("UUID", "GPU-3f2a"), new Label("gpu", "0"));
            gpu.Parents.Add(new EntityEdgeRecord { ParentId = node.Id, ChildId = gpu.Id });
            context.Entities.AddRange(node, gpu);
            await context.SaveChangesAsync().WaitAsync(s_timeout);
        }

        await using (var context = new ObserveDbContext(options))
        {
            var gpu = await context.Entities.Include(e => e.Parents).SingleAsync(e => e.Id == "gpu/node-1/0").WaitAsync(s_timeout);
            Assert.Equal(EntityKind.Gpu, gpu.Kind);
            Assert.Equal("GPU-3f2a", gpu.Labels["UUID"]);
            Assert.Equal(s_seen, gpu.FirstSeen);
            Assert.Equal("node/node-1", Assert.Single(gpu.Parents).ParentId);

            // Labels are jsonb, so SQL (and Grafana's PostgreSQL data source) can filter on them directly.
            var byLabel = await context.Entities
                .FromSqlRaw("SELECT * FROM observe.entities WHERE labels->>'UUID' = 'GPU-3f2a'")
                .Select(e => e.Id)
                .ToListAsync()
                .WaitAsync(s_timeout);
            Assert.Equal(["gpu/node-1/0"], byLabel);
        }
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_CreatesSeriesAndDayPartitionedSampleChunks()
    {
        await using var database = await TestDatabase.CreateAsync();

        await RelationalMigrator.MigrateAsync(ObserveDbContextOptions.Create(database.ConnectionString), CancellationToken.None).WaitAsync(s_timeout);

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT p.partstrat::text, pg_get_partkeydef(p.partrelid), " +
            "(SELECT attstorage::text FROM pg_attribute WHERE attrelid = p.partrelid AND attname = 'data'), " +
            "to_regclass('observe.series') IS NOT NULL, " +
            "to_regclass('observe.ix_sample_chunks_series_max_time') IS NOT NULL " +
            "FROM pg_partitioned_table p WHERE p.partrelid = 'observe.sample_chunks'::regclass");
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(s_timeout);
        Assert.True(await reader.ReadAsync());
        Assert.Equal("r", reader.GetString(0));
        Assert.Equal("RANGE (min_time)", reader.GetString(1));
        Assert.Equal("e", reader.GetString(2));
        Assert.True(reader.GetBoolean(3));
        Assert.True(reader.GetBoolean(4));
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = ObserveDbContextOptions.Create(database.ConnectionString);
        await RelationalMigrator.MigrateAsync(options, CancellationToken.None).WaitAsync(s_timeout);

        var second = await RelationalMigrator.MigrateAsync(options, CancellationToken.None).WaitAsync(s_timeout);

        Assert.Empty(second);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseDoesNotExist_CreatesIt()
    {
        var name = TestDatabase.UniqueName();
        try
        {
            var applied = await RelationalMigrator
                .MigrateAsync(ObserveDbContextOptions.Create(TestDatabase.ConnectionStringFor(name)), CancellationToken.None)
                .WaitAsync(s_timeout);

            Assert.NotEmpty(applied);
        }
        finally
        {
            await TestDatabase.DropAsync(name);
        }
    }

    [Fact]
    public async Task Model_MatchesLatestMigration()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var context = new ObserveDbContext(ObserveDbContextOptions.Create(database.ConnectionString));

        // Fails when the model changed without `dotnet ef migrations add`.
        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Entities_DuplicateId_IsRejectedByPrimaryKey()
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = ObserveDbContextOptions.Create(database.ConnectionString);
        await RelationalMigrator.MigrateAsync(options, CancellationToken.None).WaitAsync(s_timeout);
        await using (var context = new ObserveDbContext(options))
        {
            context.Entities.Add(NewEntity(EntityId.Node("n")));
            await context.SaveChangesAsync().WaitAsync(s_timeout);
        }

        await using (var context = new ObserveDbContext(options))
        {
            context.Entities.Add(NewEntity(EntityId.Node("n")));
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        }
    }

    private static EntityRecord NewEntity(EntityId id, params Label[] labels) => new()
    {
        Id = id.Value,
        Kind = id.Kind,
        Labels = LabelSet.Create(labels),
        FirstSeen = s_seen,
        LastSeen = s_seen,
    };
}
