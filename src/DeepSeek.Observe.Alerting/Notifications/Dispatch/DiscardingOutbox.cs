using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>
/// Stands in when no delivery component registered an <see cref="INotificationOutbox"/>: notifications are logged
/// and dropped, so the dispatcher, the alert store and the APIs still work.
/// </summary>
internal sealed partial class DiscardingOutbox(ILogger<DiscardingOutbox> logger) : INotificationOutbox
{
    public ValueTask EnqueueAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Discarded(logger, notification.Receiver, notification.Message.GroupKey, notification.IdempotencyKey);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 7310, Level = LogLevel.Warning, Message = "No webhook delivery is registered: notification {IdempotencyKey} of group {GroupKey} for receiver {Receiver} is dropped")]
    private static partial void Discarded(ILogger logger, string receiver, string groupKey, string idempotencyKey);
}
