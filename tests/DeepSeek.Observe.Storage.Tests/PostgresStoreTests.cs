using System.Diagnostics;
using DeepSeek.Observe.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>The PostgreSQL store's start-up and readiness against a real server.</summary>
public class PostgresStoreTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StartAsync_ReachableServer_MigratesAndIsReachable()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var harness = StoreHarness.Postgres(database.ConnectionString);

        var before = await harness.Store.ProbeAsync(CancellationToken.None);
        await harness.StartAsync().WaitAsync(s_timeout);
        var after = await harness.Store.ProbeAsync(CancellationToken.None);

        Assert.False(before.IsReachable);
        Assert.Contains("migrations not applied", before.Description, StringComparison.Ordinal);
        Assert.True(after.IsReachable, after.Description);
        Assert.Equal(StoreKind.PostgreSql, harness.Store.Kind);
    }

    [Fact]
    public async Task StartAsync_NothingListening_RetriesThenFailsWithReason()
    {
        var connectionString = $"Host=127.0.0.1;Port={FreePort.Next()};Username=x;Password=secret-pw;Database=x;Timeout=2";
        await using var harness = StoreHarness.Postgres(connectionString, TimeSpan.FromSeconds(2));

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StoreStartupException>(() => harness.StartAsync().WaitAsync(s_timeout));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Contains("cannot apply migrations to PostgreSQL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NothingListening_BacksOffOnTheInjectedClockUntilMigrationTimeout()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var connectionString = $"Host=127.0.0.1;Port={FreePort.Next()};Username=x;Password=x;Database=x;Timeout=2";
        await using var harness = StoreHarness.Postgres(connectionString, TimeSpan.FromSeconds(10), clock);
        var start = clock.GetUtcNow();

        var startup = harness.StartAsync();
        var real = Stopwatch.StartNew();
        while (!startup.IsCompleted && real.Elapsed < s_timeout)
        {
            // Each refused connection returns at once; the store then waits on the fake clock for its next try.
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(20);
        }

        await Assert.ThrowsAsync<StoreStartupException>(() => startup);
        // Backoff 0.25, 0.5, 1, 2, 4 s: the next 5 s wait would pass the 10 s deadline, so it gives up after 7.75 s.
        Assert.InRange(clock.GetUtcNow() - start, TimeSpan.FromSeconds(7.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task StartAsync_WrongPassword_FailsWithoutWaitingForTimeout()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Password = "wrong-password" };
        await using var harness = StoreHarness.Postgres(builder.ConnectionString, TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<StoreStartupException>(() => harness.StartAsync().WaitAsync(s_timeout));

        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
    }
}
