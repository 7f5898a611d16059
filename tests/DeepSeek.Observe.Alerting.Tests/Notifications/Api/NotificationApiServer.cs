using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Alerting.Tests.Notifications.Api;

/// <summary>The alerting component alone on Kestrel (loopback, free port), registered as the host registers it.</summary>
internal sealed class NotificationApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NotificationApiServer(WebApplication app, string dataDirectory, RecordingOutbox outbox)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Outbox = outbox;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public RecordingOutbox Outbox { get; }

    public static async Task<NotificationApiServer> StartAsync(string? configYaml, string? dataDirectory = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), $"alerting-api-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        string? configFile = null;
        if (configYaml is not null)
        {
            configFile = Path.Combine(dataDirectory, "am.yml");
            await File.WriteAllTextAsync(configFile, configYaml);
        }

        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Alerting:NotificationConfigFile"] = configFile,
        });
        var outbox = new RecordingOutbox();
        builder.Services.AddSingleton<INotificationOutbox>(outbox);
        builder.Services.AddNotifications(builder.Configuration);
        var app = builder.Build();
        app.MapNotificationApi();
        await app.StartAsync();
        return new NotificationApiServer(app, dataDirectory, outbox);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
