using DeepSeek.Observe.Storage.Relational;
using Microsoft.EntityFrameworkCore.Design;

namespace DeepSeek.Observe.Migrations;

/// <summary>
/// Lets <c>dotnet ef</c> build the model without starting the platform. Generating a migration never connects, so
/// the default points at a local server; <c>OBSERVE_POSTGRES</c> overrides it for <c>dotnet ef database update</c>.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ObserveDbContext>
{
    public ObserveDbContext CreateDbContext(string[] args) =>
        new(ObserveDbContextOptions.Create(
            Environment.GetEnvironmentVariable("OBSERVE_POSTGRES") is { Length: > 0 } connectionString
                ? connectionString
                : "Host=127.0.0.1;Database=observe;Username=observe"));
}
