using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Testing;
using Npgsql;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>The log store contract against PostgreSQL (<c>--postgres</c>), and its specifics (partitions, outages).</summary>
public sealed class PostgresLogStoreTests : LogStoreContract
{
    private TestDatabase? _database;

    private TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public override async Task InitializeAsync() => _database = await TestDatabase.CreateAsync().WaitAsync(Timeout);

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task AppendAsync_LinesOnTwoDays_CopiesThemIntoDayPartitions()
    {
        var day0 = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        await using var store = await OpenAsync();

        await Appender(store).AppendAsync(
            [Stream(Labels(("job", "api")), (day0 + Second, "a"), (day0 + (86_400 * Second) + Second, "b"))], CancellationToken.None)
            .AsTask().WaitAsync(Timeout);

        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM observe.log_entries_20261123 WHERE metadata IS NULL"));
        Assert.Equal("b", await ScalarAsync<string>("SELECT line FROM observe.log_entries_20261124"));
        Assert.Equal("api", await ScalarAsync<string>("SELECT labels->>'job' FROM observe.log_streams"));
    }

    [Fact]
    public async Task AppendAsync_ServerUnreachable_IsRefusedAsUnavailableThenRecovers()
    {
        await using var store = await OpenAsync();
        await Appender(store).AppendAsync([Stream(Labels(("job", "api")), (Second, "before"))], CancellationToken.None).AsTask().WaitAsync(Timeout);

        await BreakStorageAsync();
        try
        {
            var error = await Assert.ThrowsAsync<AppendRejectedException>(
                async () => await Appender(store).AppendAsync([Stream(Labels(("job", "api")), (2 * Second, "during"))], CancellationToken.None)
                    .AsTask().WaitAsync(Timeout));
            Assert.Equal(AppendRejection.Unavailable, error.Reason);

            // Reads too: unavailable (503 at the API), not a server error.
            Assert.Throws<StoreUnavailableException>(() => Querier(store).Query(Query(Matcher("job", "api"))));
        }
        finally
        {
            await RestoreStorageAsync();
        }

        await Appender(store).AppendAsync([Stream(Labels(("job", "api")), (3 * Second, "after"))], CancellationToken.None).AsTask().WaitAsync(Timeout);
        Assert.Equal(["after", "before"], Querier(store).Query(Query(Matcher("job", "api"))).Single().Entries.Select(e => e.Line));
    }

    private protected override Dictionary<string, string?> Settings() => new()
    {
        ["Storage:DataDirectory"] = DataDirectory,
        ["Storage:Postgres"] = Database.ConnectionString,
    };

    // The test database's connection string does not pool, so no idle session keeps the rename from happening.
    private Task BreakStorageAsync() => Database.TakeAwayAsync();

    private Task RestoreStorageAsync() => Database.BringBackAsync();

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync().WaitAsync(Timeout);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync().WaitAsync(Timeout))!;
    }
}
