namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>What was last sent for one group to one webhook of one receiver, and when.</summary>
internal sealed record NotificationLogEntry(
    IReadOnlySet<ulong> Firing,
    IReadOnlySet<ulong> Resolved,
    DateTimeOffset Timestamp);
