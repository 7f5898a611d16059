namespace DeepSeek.Observe.Alerting.Notifications;

/// <summary>
/// One message for one webhook of one receiver, as the dispatcher decided it should go out. The idempotency key is
/// stable for the same decision (group, receiver, webhook, alert states), so a delivery repeated after a crash can be
/// deduplicated by the receiver and by the queue.
/// </summary>
/// <param name="IdempotencyKey">Stable key; also sent to the receiver as a header.</param>
/// <param name="Receiver">The receiver's name in the routing configuration.</param>
/// <param name="Webhook">Where and how to deliver.</param>
/// <param name="Message">The payload, already truncated to the webhook's <c>max_alerts</c>.</param>
/// <param name="CreatedAt">When the dispatcher produced it.</param>
public sealed record Notification(
    string IdempotencyKey,
    string Receiver,
    WebhookEndpoint Webhook,
    WebhookMessage Message,
    DateTimeOffset CreatedAt);

/// <summary>A receiver's <c>webhook_configs</c> entry, as far as delivery needs it.</summary>
/// <param name="Url">The receiver's URL.</param>
/// <param name="SendResolved">Whether resolved notifications go to it.</param>
/// <param name="MaxAlerts">Most alerts per message; 0 means all.</param>
public sealed record WebhookEndpoint(Uri Url, bool SendResolved, int MaxAlerts);

/// <summary>
/// The durable hand-over between the dispatcher and delivery: once <see cref="EnqueueAsync"/> returns, the
/// notification survives a crash and is delivered at least once.
/// </summary>
public interface INotificationOutbox
{
    ValueTask EnqueueAsync(Notification notification, CancellationToken cancellationToken);
}
