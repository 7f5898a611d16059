using DeepSeek.Observe.Core.Logs;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Storage.Embedded;
using DeepSeek.Observe.Storage.Internal;
using DeepSeek.Observe.Storage.Metadata;
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
    /// Adds the embedded store (<see cref="ISampleAppender"/>, <see cref="ISeriesQuerier"/>, and for logs
    /// <see cref="ILogAppender"/>, <see cref="ILogQuerier"/>; metric metadata in memory, <see cref="IMetadataStore"/>) with the <c>store</c>
    /// readiness check and, when <c>Storage:Postgres</c> is set, PostgreSQL (<see cref="ObserveDbContext"/>, migrations
    /// at start-up, the log store in place of the embedded one) with the <c>postgres</c> readiness check.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // The head, WAL and checkpoints live under --data in both modes; sealed chunks go to chunk files or, with
        // --postgres, to PostgreSQL. Which services exist is structural, so it is read once here, not per request.
        services.TryAddSingleton<StorageInstrumentation>();
        services.AddSingleton<ChunkStoreFactory>();
        services.AddSingleton<EmbeddedStore>();
        services.AddSingleton<ISampleAppender>(sp => sp.GetRequiredService<EmbeddedStore>());
        services.AddSingleton<ISeriesQuerier>(sp => sp.GetRequiredService<EmbeddedStore>());

        // Metadata lives in memory in both modes, as in Prometheus: senders and scrapes repeat it every minute.
        services.TryAddSingleton<IMetadataStore, MetadataStore>();

        var health = services.AddHealthChecks().AddCheck<StoreHealthCheck<EmbeddedStore>>("store", tags: [ReadyTag]);

        var postgres = section[nameof(StorageOptions.Postgres)];
        if (string.IsNullOrWhiteSpace(postgres))
        {
            services.AddSingleton<ILogAppender>(sp => sp.GetRequiredService<EmbeddedStore>());
            services.AddSingleton<ILogQuerier>(sp => sp.GetRequiredService<EmbeddedStore>());
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedStore>());
        }
        else
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
            services.AddDbContext<ObserveDbContext>(
                (sp, options) => ObserveDbContextOptions.Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton<PostgresStore>();

            // Logs go to PostgreSQL; the embedded store keeps only the samples' head and log under --data.
            services.AddSingleton<PostgresLogStore>();
            services.AddSingleton<ILogAppender>(sp => sp.GetRequiredService<PostgresLogStore>());
            services.AddSingleton<ILogQuerier>(sp => sp.GetRequiredService<PostgresLogStore>());

            // Hosted services start in registration order: migrations first (the chunk and log tables must exist
            // before the head opens its chunk store and the log store loads its streams), then the head and the log
            // store, then the catalog writer that needs them (it buffers what they report while starting).
            services.AddHostedService(sp => sp.GetRequiredService<PostgresStore>());
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedStore>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresLogStore>());
            services.AddSingleton<EntityCatalogWriter>();
            services.AddSingleton<ISeriesCreationObserver>(sp => sp.GetRequiredService<EntityCatalogWriter>());
            services.AddHostedService(sp => sp.GetRequiredService<EntityCatalogWriter>());
            health.AddCheck<StoreHealthCheck<PostgresStore>>("postgres", tags: [ReadyTag]);
        }

        return services;
    }
}
