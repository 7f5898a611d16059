using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace DeepSeek.Observe.Host.Tests;

/// <summary>
/// Hosts the platform in memory. <c>serve</c> is a command of a CLI rather than a bare host, so instead of running
/// <c>Main</c> this factory builds the same host <c>serve</c> builds (<see cref="ObserveHost.CreateBuilder"/>) and
/// WebApplicationFactory swaps Kestrel for its test server. Each factory gets its own data directory.
/// </summary>
internal sealed class ObserveWebApplicationFactory : WebApplicationFactory<Program>
{
    public ObserveWebApplicationFactory(string? postgres = null, string? rabbitMq = null)
    {
        Settings = new ServeSettings(
            [new Uri("http://127.0.0.1:0")],
            Directory.CreateTempSubdirectory("observe-host-test-").FullName,
            postgres,
            rabbitMq);
    }

    public ServeSettings Settings { get; }

    protected override IHostBuilder CreateHostBuilder() => ObserveHost.CreateBuilder(Settings);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(Settings.DataDirectory))
        {
            Directory.Delete(Settings.DataDirectory, recursive: true);
        }
    }
}
