using Microsoft.EntityFrameworkCore;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>
/// The platform's relational model in PostgreSQL. Every table lives in the <c>observe</c> schema so the platform can
/// share a database with other applications; schema changes go only through migrations in <c>migrations/</c>.
/// </summary>
public sealed class ObserveDbContext(DbContextOptions<ObserveDbContext> options) : DbContext(options)
{
    /// <summary>The schema that holds every table.</summary>
    public const string Schema = "observe";

    public DbSet<EntityRecord> Entities => Set<EntityRecord>();

    public DbSet<EntityEdgeRecord> EntityEdges => Set<EntityEdgeRecord>();

    public DbSet<SeriesRecord> Series => Set<SeriesRecord>();

    public DbSet<LogStreamRecord> LogStreams => Set<LogStreamRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ObserveDbContext).Assembly);
    }
}
