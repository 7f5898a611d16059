using DeepSeek.Observe.Alerting.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeepSeek.Observe.Alerting.Forwarding;

/// <summary>Registers forwarding to real Alertmanagers as one more <see cref="IAlertSink"/>.</summary>
public static class ForwardingExtensions
{
    public static IServiceCollection AddAlertmanagerForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AlertmanagerForwardingOptions>()
            .Bind(configuration.GetSection(AlertingOptions.SectionName))
            .Validate(o => o.AlertmanagerUrls.All(u => u.IsAbsoluteUri && u.Scheme is "http" or "https"),
                $"{AlertingOptions.SectionName}:{nameof(AlertmanagerForwardingOptions.AlertmanagerUrls)}: every URL must be absolute http(s), e.g. http://127.0.0.1:9093")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient(AlertmanagerForwardingWorker.ClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        services.TryAddSingleton<ForwardingInstrumentation>();
        services.TryAddSingleton<AlertmanagerForwarder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, AlertmanagerForwarder>(sp => sp.GetRequiredService<AlertmanagerForwarder>()));
        services.AddHostedService<AlertmanagerForwardingWorker>();
        return services;
    }
}
