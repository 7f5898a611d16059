using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// The one place that says how <see cref="ObserveDbContext"/> talks to PostgreSQL, shared by the running platform,
/// <c>db migrate</c>, the design-time factory that generates migrations and the tests.
/// </summary>
public static class ObserveDbContextOptions
{
    /// <summary>The assembly under <c>migrations/</c> that holds the migrations.</summary>
    public const string MigrationsAssembly = "DeepSeek.Observe.Migrations";

    /// <summary>The migrations history table (in <see cref="ObserveDbContext.Schema"/>).</summary>
    public const string HistoryTable = "__ef_migrations_history";

    /// <summary>Configures <paramref name="builder"/> for a data source.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseNpgsql(dataSource, ConfigureNpgsql);
    }

    /// <summary>Configures <paramref name="builder"/> for a connection string.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseNpgsql(connectionString, ConfigureNpgsql);
    }

    /// <summary>Options for a context on its own, outside dependency injection (CLI, tests).</summary>
    public static DbContextOptions<ObserveDbContext> Create(string connectionString) =>
        (DbContextOptions<ObserveDbContext>)Configure(new DbContextOptionsBuilder<ObserveDbContext>(), connectionString).Options;

    /// <summary>Options for a context on its own over a shared data source.</summary>
    public static DbContextOptions<ObserveDbContext> Create(NpgsqlDataSource dataSource) =>
        (DbContextOptions<ObserveDbContext>)Configure(new DbContextOptionsBuilder<ObserveDbContext>(), dataSource).Options;

    private static void ConfigureNpgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsAssembly(MigrationsAssembly).MigrationsHistoryTable(HistoryTable, ObserveDbContext.Schema);
}
