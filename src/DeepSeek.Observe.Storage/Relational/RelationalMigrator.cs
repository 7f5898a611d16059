using Microsoft.EntityFrameworkCore;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>Applies pending migrations; used by <c>db migrate</c> and by <c>serve --postgres</c> at start-up.</summary>
public static class RelationalMigrator
{
    /// <summary>Applies every pending migration and returns the ids of those it applied, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(
        DbContextOptions<ObserveDbContext> options, CancellationToken cancellationToken)
    {
        await using var context = new ObserveDbContext(options);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await context.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
