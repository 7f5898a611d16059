using DeepSeek.Observe.Alerting.Rules.Hosting;
using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Alerting.Delivery;
using DeepSeek.Observe.Alerting.Forwarding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeepSeek.Observe.Alerting;

/// <summary>Registers and maps rule evaluation and the notification pipeline.</summary>
public static class AlertingExtensions
{
    public static IServiceCollection AddAlerting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AlertingOptions>().Bind(configuration.GetSection(AlertingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRuleEvaluation(configuration);
        services.AddNotifications(configuration);
        services.AddNotificationDelivery(configuration);
        services.AddAlertmanagerForwarding(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapAlertingApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapRulesApi().MapNotificationApi().MapNotificationDeliveryApi();
}
