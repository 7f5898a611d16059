using System.CommandLine;
using DeepSeek.Observe.Storage;
using DeepSeek.Observe.Storage.Relational;

namespace DeepSeek.Observe.Host.Cli;

/// <summary><c>deepseek-observe db migrate</c>: applies the PostgreSQL schema without starting the platform.</summary>
internal static class DbCommand
{
    public static Command Create(TextWriter output, Func<string, string?> environment)
    {
        var migrate = new Command("migrate", "Apply pending migrations to the PostgreSQL database and exit.")
        {
            ConnectionOptions.Postgres,
        };

        migrate.SetAction(async (result, cancellationToken) =>
        {
            var connectionString = ConnectionOptions.ValidatePostgres(
                ConnectionOptions.Resolve(result, ConnectionOptions.Postgres, "OBSERVE_POSTGRES", environment))
                ?? throw new UsageException("--postgres (or OBSERVE_POSTGRES) is required");

            var applied = await RelationalMigrator.MigrateAsync(ObserveDbContextOptions.Create(connectionString), cancellationToken);
            var server = PostgresConnectionString.Redact(connectionString);
            await output.WriteLineAsync(applied.Count == 0
                ? $"{server}: schema is up to date"
                : $"{server}: applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return ExitCodes.Success;
        });

        return new Command("db", "Manage the PostgreSQL schema.") { migrate };
    }
}
