namespace DeepSeek.Observe.Messaging;

/// <summary>Which MassTransit transport carries messages.</summary>
public enum BusTransport
{
    /// <summary>In-process; nothing to install, messages live as long as the process.</summary>
    InMemory,

    /// <summary>A RabbitMQ broker (a cluster with quorum queues in production).</summary>
    RabbitMq,
}
