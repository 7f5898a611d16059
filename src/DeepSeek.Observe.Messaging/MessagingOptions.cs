using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Messaging;

/// <summary>Configuration section <c>Messaging</c>.</summary>
public sealed class MessagingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Messaging";

    /// <summary>
    /// AMQP URI of the broker, e.g. <c>amqp://user:pass@127.0.0.1:5672/vhost</c>. When empty, the in-memory transport
    /// is used. <c>--rabbitmq</c>, <c>OBSERVE_RABBITMQ</c>.
    /// </summary>
    public string? RabbitMq { get; set; }

    /// <summary>How long stopping waits for in-flight messages to be consumed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The transport these options select.</summary>
    public BusTransport Transport => string.IsNullOrWhiteSpace(RabbitMq) ? BusTransport.InMemory : BusTransport.RabbitMq;
}
