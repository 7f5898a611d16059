using DeepSeek.Observe.Storage.Internal;
using DeepSeek.Observe.Storage.Relational;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeepSeek.Observe.Storage;

/// <summary>Registers the store chosen by configuration section <c>Storage</c>.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The tag on health checks that gate readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Adds the embedded store, or PostgreSQL (with <see cref="ObserveDbContext"/>) when <c>Storage:Postgres</c> is set,
    /// and the <c>store</c> readiness check.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // The choice of store is structural (which services exist), so it is read once here, not per request.
        var postgres = section[nameof(StorageOptions.Postgres)];
        if (string.IsNullOrWhiteSpace(postgres))
        {
            services.AddSingleton<EmbeddedStore>();
            services.AddSingleton<IStore>(sp => sp.GetRequiredService<EmbeddedStore>());
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedStore>());
        }
        else
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
            services.AddDbContext<ObserveDbContext>(
                (sp, options) => ObserveDbContextOptions.Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton<PostgresStore>();
            services.AddSingleton<IStore>(sp => sp.GetRequiredService<PostgresStore>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresStore>());
        }

        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [ReadyTag]);
        return services;
    }
}
