using Npgsql;

namespace DeepSeek.Observe.Testing;

/// <summary>A fresh, uniquely named PostgreSQL database for one test, dropped when disposed.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to it.</summary>
    public string ConnectionString { get; }

    /// <summary>A connection string for a database of this name that does not exist yet (for migrate-creates tests).</summary>
    public static string UniqueName() => $"observe_test_{Guid.NewGuid():N}";

    /// <summary>Creates an empty database.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var name = UniqueName();
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"");
        return new TestDatabase(name, ConnectionStringFor(name));
    }

    /// <summary>A connection string for database <paramref name="name"/> with the test role's credentials.</summary>
    public static string ConnectionStringFor(string name) =>
        new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = name, Pooling = false }.ConnectionString;

    public async ValueTask DisposeAsync() => await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");

    /// <summary>Drops a database created by something else during a test.</summary>
    public static Task DropAsync(string name) => ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    /// <summary>
    /// Renames the database away, so every later attempt to connect fails with "database does not exist", as after a
    /// real outage, until <see cref="BringBackAsync"/>. Needs the database without sessions: close pools first.
    /// </summary>
    public Task TakeAwayAsync() => ExecuteAdminAsync($"ALTER DATABASE \"{Name}\" RENAME TO \"{Name}_away\"");

    public Task BringBackAsync() => ExecuteAdminAsync($"ALTER DATABASE \"{Name}_away\" RENAME TO \"{Name}\"");

    private static async Task ExecuteAdminAsync(string sql)
    {
        using var cts = new CancellationTokenSource(s_timeout);
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cts.Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cts.Token);
    }
}
