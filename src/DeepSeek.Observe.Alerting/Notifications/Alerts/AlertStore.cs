namespace DeepSeek.Observe.Alerting.Notifications.Alerts;

/// <summary>
/// The alerts the pipeline knows, one per fingerprint, bounded. Not thread-safe: the dispatcher guards it with its
/// own lock so that the store, the groups and the notification log change together.
/// </summary>
internal sealed class AlertStore(int maxAlerts)
{
    private readonly Dictionary<ulong, StoredAlert> _alerts = [];

    public int Count => _alerts.Count;

    public IEnumerable<StoredAlert> All => _alerts.Values;

    /// <summary>How many of <paramref name="alerts"/> would be new entries (for an all-or-nothing capacity check).</summary>
    public int CountNew(IEnumerable<StoredAlert> alerts)
    {
        var seen = new HashSet<ulong>();
        var count = 0;
        foreach (var alert in alerts)
        {
            if (!_alerts.ContainsKey(alert.Fingerprint) && seen.Add(alert.Fingerprint))
            {
                count++;
            }
        }

        return count;
    }

    public bool HasRoomFor(int newAlerts) => _alerts.Count + newAlerts <= maxAlerts;

    /// <summary>Stores a report, merging it with the stored one when their activity overlaps; returns what is stored.</summary>
    public StoredAlert Put(StoredAlert alert)
    {
        if (_alerts.TryGetValue(alert.Fingerprint, out var old)
            && ((alert.EndsAt > old.StartsAt && alert.EndsAt < old.EndsAt)
                || (alert.StartsAt > old.StartsAt && alert.StartsAt < old.EndsAt)))
        {
            alert = old.Merge(alert);
        }

        _alerts[alert.Fingerprint] = alert;
        return alert;
    }

    /// <summary>Drops alerts resolved before <paramref name="cutoff"/>; returns how many.</summary>
    public int RemoveResolvedBefore(DateTimeOffset cutoff)
    {
        var stale = _alerts.Values.Where(a => a.EndsAt < cutoff).Select(a => a.Fingerprint).ToList();
        foreach (var fingerprint in stale)
        {
            _alerts.Remove(fingerprint);
        }

        return stale.Count;
    }
}
