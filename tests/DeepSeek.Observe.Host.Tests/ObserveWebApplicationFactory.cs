using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// Hosts the platform in memory. <c>serve</c> is a command of a CLI rather than a bare host, so instead of running
/// <c>Main</c> this factory builds the same host <c>serve</c> builds (<see cref="ObserveHost.CreateBuilder"/>) and
/// WebApplicationFactory swaps Kestrel for its test server. Each factory gets its own data directory.
/// </summary>
internal sealed class ObserveWebApplicationFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _configuration;

    /// <param name="postgres">PostgreSQL connection string, or null for the embedded store.</param>
    /// <param name="rabbitMq">RabbitMQ URI, or null for the in-memory bus.</param>
    /// <param name="configuration">Extra configuration keys (e.g. <c>Alerting:RuleFiles:0</c>), applied last.</param>
    public ObserveWebApplicationFactory(string? postgres = null, string? rabbitMq = null, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        _configuration = configuration ?? new Dictionary<string, string?>();
        Settings = new ServeSettings(
            [new Uri("http://127.0.0.1:0")],
            Directory.CreateTempSubdirectory("observe-host-test-").FullName,
            postgres,
            rabbitMq);
    }

    public ServeSettings Settings { get; }

    protected override IHostBuilder CreateHostBuilder() =>
        ObserveHost.CreateBuilder(Settings).ConfigureAppConfiguration(config => config.AddInMemoryCollection(_configuration));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(Settings.DataDirectory))
        {
            Directory.Delete(Settings.DataDirectory, recursive: true);
        }
    }
}
