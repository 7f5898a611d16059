using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DeepSeek.Observe.Storage.Tests;

/// <summary>Builds the store exactly as the platform registers it (<see cref="StorageServiceCollectionExtensions.AddStorage"/>).</summary>
internal sealed class StoreHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public StoreHarness(IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        _services = services.AddStorage(configuration).BuildServiceProvider(validateScopes: true);
    }

    public IServiceProvider Services => _services;

    /// <summary>PostgreSQL when configured, else the embedded store.</summary>
    public IStore Store =>
        (IStore?)_services.GetService<Internal.PostgresStore>() ?? _services.GetRequiredService<Internal.EmbeddedStore>();

    /// <summary>Starts the embedded store on <paramref name="directory"/> with extra settings.</summary>
    public static async Task<StoreHarness> StartEmbeddedAsync(string directory, IReadOnlyDictionary<string, string?>? extra, TimeSpan timeout)
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var harness = new StoreHarness(settings);
        await harness.StartAsync().WaitAsync(timeout);
        return harness;
    }

    public static StoreHarness Embedded(string directory) =>
        new(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory });

    public static StoreHarness Postgres(
        string connectionString, TimeSpan? migrationTimeout = null, TimeProvider? clock = null, string? dataDirectory = null) =>
        new(
            new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = dataDirectory ?? Directory.CreateTempSubdirectory("observe-pg-test-").FullName,
                ["Storage:Postgres"] = connectionString,
                ["Storage:MigrationTimeout"] = (migrationTimeout ?? TimeSpan.FromSeconds(30)).ToString(),
            },
            clock);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StartAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }

    /// <summary>Stops the services, as a graceful shutdown does, without disposing the container.</summary>
    public async Task StopAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }
    }
}
