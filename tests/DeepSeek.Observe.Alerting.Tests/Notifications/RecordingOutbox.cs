using DeepSeek.Observe.Alerting.Notifications;

namespace DeepSeek.Observe.Alerting.Tests.Notifications;

/// <summary>An outbox that records what it is given, and can be told to refuse.</summary>
internal sealed class RecordingOutbox : INotificationOutbox
{
    private readonly List<Notification> _notifications = [];

    public bool Refuse { get; set; }

    public IReadOnlyList<Notification> Notifications
    {
        get
        {
            lock (_notifications)
            {
                return [.. _notifications];
            }
        }
    }

    public ValueTask EnqueueAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (Refuse)
        {
            throw new IOException("queue unavailable");
        }

        lock (_notifications)
        {
            _notifications.Add(notification);
        }

        return ValueTask.CompletedTask;
    }

    public void Clear()
    {
        lock (_notifications)
        {
            _notifications.Clear();
        }
    }
}
