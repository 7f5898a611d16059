using DeepSeek.Observe.Alerting.Notifications.Api;
using DeepSeek.Observe.Alerting.Notifications.Config;
using DeepSeek.Observe.Alerting.Notifications.Dispatch;
using DeepSeek.Observe.Alerting.Notifications.Silences;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Alerting.Notifications;

/// <summary>
/// Registers the notification pipeline (alert store, dispatcher, silences) as an <see cref="IAlertSink"/> and maps
/// Alertmanager's <c>/api/v2</c> alerts, silences and status endpoints. Notifications go to whatever
/// <see cref="INotificationOutbox"/> is registered.
/// </summary>
public static class NotificationExtensions
{
    /// <summary>Where silences live under the state directory.</summary>
    public const string SilencesFileName = "silences.json";

    /// <summary>Where the notification log lives under the state directory.</summary>
    public const string NotificationLogFileName = "nflog.json";

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(AlertingOptions.SectionName))
            // Local state shares the storage component's data directory, whichever store is in use.
            .PostConfigure(options => options.StateDirectory ??= Path.Combine(configuration["Storage:DataDirectory"] ?? "./data", "alerting"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton<DispatchInstrumentation>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
            return new SilenceStore(
                new SilenceFile(Path.Combine(options.StateDirectory!, SilencesFileName)),
                sp.GetRequiredService<TimeProvider>(),
                options.MaxSilences,
                options.SilenceRetention);
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
            var config = string.IsNullOrEmpty(options.NotificationConfigFile)
                ? NotificationConfig.Default
                : NotificationConfig.Load(options.NotificationConfigFile);
            return new NotificationDispatcher(
                config,
                sp.GetRequiredService<SilenceStore>(),
                sp.GetService<INotificationOutbox>() ?? ActivatorUtilities.CreateInstance<DiscardingOutbox>(sp),
                sp.GetRequiredService<TimeProvider>(),
                options,
                sp.GetRequiredService<ILogger<NotificationDispatcher>>(),
                sp.GetRequiredService<DispatchInstrumentation>(),
                new NotificationLogFile(Path.Combine(options.StateDirectory!, NotificationLogFileName)));
        });
        services.TryAddSingleton(sp => new StatusApi.StartTime(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddSingleton<IAlertSink>(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddHostedService<NotificationDispatchService>();
        return services;
    }

    public static IEndpointRouteBuilder MapNotificationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v2").WithTags("Notifications");
        api.MapPost("/alerts", AlertsApi.PostAsync)
            .WithName("PostAlerts").WithSummary("Receive alerts, in Alertmanager's postable alert shape.");
        api.MapGet("/alerts", AlertsApi.Get)
            .WithName("GetAlerts").WithSummary("Active alerts with receivers and silence/inhibition status, in Alertmanager's shape.");
        api.MapPost("/silences", SilencesApi.PostAsync)
            .WithName("PostSilences").WithSummary("Create or update a silence.");
        api.MapGet("/silences", SilencesApi.List)
            .WithName("GetSilences").WithSummary("All silences, expired ones included until they are forgotten.");
        api.MapGet("/silence/{id}", SilencesApi.Get)
            .WithName("GetSilence").WithSummary("One silence by id.");
        api.MapDelete("/silence/{id}", SilencesApi.Delete)
            .WithName("DeleteSilence").WithSummary("Expire a silence now.");
        api.MapGet("/receivers", StatusApi.Receivers)
            .WithName("GetReceivers").WithSummary("The receivers of the notification configuration.");
        api.MapGet("/status", StatusApi.Get)
            .WithName("GetAlertmanagerStatus").WithSummary("The notification configuration in force, in Alertmanager's status shape.");
        return endpoints;
    }
}
