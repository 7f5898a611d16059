namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>
/// Alertmanager's notification log: per group, receiver and webhook, the alerts last notified, so an unchanged group
/// is not notified again before <c>repeat_interval</c>. Entries older than the retention are forgotten. Not
/// thread-safe: the dispatcher's lock guards it.
/// </summary>
internal sealed class NotificationLog(TimeSpan retention)
{
    private readonly Dictionary<(string GroupKey, string Receiver, int Webhook), NotificationLogEntry> _entries = [];

    public int Count => _entries.Count;

    public NotificationLogEntry? Get(string groupKey, string receiver, int webhook) =>
        _entries.GetValueOrDefault((groupKey, receiver, webhook));

    public void Set(string groupKey, string receiver, int webhook, NotificationLogEntry entry) =>
        _entries[(groupKey, receiver, webhook)] = entry;

    public IEnumerable<NotificationLogFile.Record> Records() =>
        _entries.Select(e => new NotificationLogFile.Record(
            e.Key.GroupKey, e.Key.Receiver, e.Key.Webhook, [.. e.Value.Firing], [.. e.Value.Resolved], e.Value.Timestamp));

    public void Load(IEnumerable<NotificationLogFile.Record> records)
    {
        foreach (var record in records)
        {
            _entries[(record.GroupKey, record.Receiver, record.Webhook)] =
                new NotificationLogEntry(record.Firing.ToHashSet(), record.Resolved.ToHashSet(), record.Timestamp);
        }
    }

    public void Collect(DateTimeOffset now)
    {
        foreach (var key in _entries.Where(e => e.Value.Timestamp + retention < now).Select(e => e.Key).ToList())
        {
            _entries.Remove(key);
        }
    }

    /// <summary>
    /// Whether a group's current state must be notified: new firing alerts always; a group whose firing alerts all
    /// resolved once (to clear the receiver's view); newly resolved alerts when the webhook wants them; otherwise only
    /// after <paramref name="repeatInterval"/>.
    /// </summary>
    public static bool NeedsUpdate(
        NotificationLogEntry? entry, IReadOnlySet<ulong> firing, IReadOnlySet<ulong> resolved, bool sendResolved, TimeSpan repeatInterval, DateTimeOffset now)
    {
        if (entry is null)
        {
            return firing.Count > 0;
        }

        if (!firing.IsSubsetOf(entry.Firing))
        {
            return true;
        }

        if (firing.Count == 0)
        {
            // Alerts that fired and resolved between two flushes were never seen by the receiver: nothing to clear.
            return entry.Firing.Count > 0;
        }

        if (sendResolved && !resolved.IsSubsetOf(entry.Resolved))
        {
            return true;
        }

        return entry.Timestamp <= now - repeatInterval;
    }
}
