using DeepSeek.Observe.Alerting.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>Registers the durable outbox (<see cref="INotificationOutbox"/>), webhook delivery and its API.</summary>
public static class DeliveryExtensions
{
    /// <summary>The storage setting whose directory also holds the outbox (read by key: Alerting does not depend on Storage).</summary>
    public const string DataDirectoryKey = "Storage:DataDirectory";

    public static IServiceCollection AddNotificationDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<NotificationDeliveryOptions>()
            .Bind(configuration.GetSection(AlertingOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.OutboxDirectory))
                {
                    options.OutboxDirectory = Path.Combine(configuration[DataDirectoryKey] ?? "./data", "alerting", "outbox");
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationDeliveryOptions>, NotificationDeliveryOptionsValidator>());

        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // WebhookTimeout applies, on the injected clock
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect would carry a signed payload somewhere the operator did not configure.
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // Failures are logged by the delivery loop with the notification's id; per-request lines add nothing.
            .RemoveAllLoggers();

        services.TryAddSingleton<DeliveryInstrumentation>();
        services.TryAddSingleton(sp =>
        {
            var file = sp.GetRequiredService<IOptions<NotificationDeliveryOptions>>().Value.WebhookSigningKeyFile;
            return new WebhookSigner(string.IsNullOrWhiteSpace(file) ? null : WebhookSigner.ReadKey(file));
        });
        services.TryAddSingleton<DurableNotificationOutbox>();
        services.TryAddSingleton<INotificationOutbox>(sp => sp.GetRequiredService<DurableNotificationOutbox>());
        services.TryAddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDeliveryWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotificationDeliveryApi(this IEndpointRouteBuilder endpoints) => NotificationsApi.Map(endpoints);
}
