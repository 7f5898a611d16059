namespace DeepSeek.Observe.Alerting.Delivery;

/// <summary>
/// The outbox holds <see cref="NotificationDeliveryOptions.MaxQueuedNotifications"/> undelivered notifications and
/// refuses more rather than drop one silently; the caller keeps its own state and tries again later.
/// </summary>
public sealed class OutboxFullException : Exception
{
    public OutboxFullException()
    {
    }

    public OutboxFullException(string message)
        : base(message)
    {
    }

    public OutboxFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
