using DeepSeek.Observe.Messaging.Internal;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Messaging;

/// <summary>Registers the bus chosen by configuration section <c>Messaging</c>.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>The tag on health checks that gate readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The name of the bus's readiness check.</summary>
    public const string HealthCheckName = "bus";

    /// <summary>
    /// Adds MassTransit on RabbitMQ when <c>Messaging:RabbitMq</c> is set, on the in-memory transport otherwise, with
    /// usage telemetry off and the <c>bus</c> readiness check. Components add their consumers in <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddMessaging(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(MessagingOptions.SectionName);
        services.AddOptions<MessagingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();

        // The bus must not hold start-up hostage to the broker: the host starts, /-/ready says why it is not ready,
        // and MassTransit keeps reconnecting.
        services.AddOptions<MassTransitHostOptions>()
            .Configure<IOptions<MessagingOptions>>((host, messaging) =>
            {
                host.WaitUntilStarted = false;
                host.StopTimeout = messaging.Value.StopTimeout;
            });

        // The transport is structural (which services exist), so it is read once here. An address that does not
        // parse falls through to the options validator, which fails start-up with the reason.
        var rabbitMq = section[nameof(MessagingOptions.RabbitMq)];
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = HealthCheckName;
                health.Tags.Clear();
                health.Tags.Add(ReadyTag);
                health.MinimalFailureStatus = HealthStatus.Unhealthy;
            });
            bus.SetKebabCaseEndpointNameFormatter();
            configure?.Invoke(bus);

            if (string.IsNullOrWhiteSpace(rabbitMq))
            {
                bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
            }
            else if (RabbitMqAddress.TryParse(rabbitMq, out var address, out _))
            {
                bus.UsingRabbitMq((context, transport) =>
                {
                    transport.Host(address.Host, (ushort)address.Port, address.VirtualHost, host =>
                    {
                        host.Username(address.Username);
                        host.Password(address.Password);
                        if (address.UseTls)
                        {
                            host.UseSsl(ssl => ssl.ServerName = address.Host);
                        }
                    });
                    transport.ConfigureEndpoints(context);
                });
            }
        });

        return services;
    }
}
