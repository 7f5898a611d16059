using DeepSeek.Observe.Alerting.Notifications.Alerts;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>
/// The alerts of one route that share the route's <c>group_by</c> values, notified together: first
/// <c>group_wait</c> after the group appears, then at most every <c>group_interval</c>.
/// </summary>
internal sealed class AggregationGroup
{
    private readonly Dictionary<ulong, StoredAlert> _alerts = [];

    public AggregationGroup(DispatchRoute route, LabelSet groupLabels, DateTimeOffset now)
    {
        Route = route;
        GroupLabels = groupLabels;
        Key = FormatKey(route, groupLabels);
        NextFlush = now + route.Config.GroupWait;
    }

    public DispatchRoute Route { get; }

    public LabelSet GroupLabels { get; }

    /// <summary>Alertmanager's group key: <c>{route key}:{group labels}</c>.</summary>
    public string Key { get; }

    /// <summary>When the group is next looked at for a notification.</summary>
    public DateTimeOffset NextFlush { get; private set; }

    public bool HasFlushed { get; private set; }

    public bool IsEmpty => _alerts.Count == 0;

    public IReadOnlyCollection<StoredAlert> Alerts => _alerts.Values;

    public static string FormatKey(DispatchRoute route, LabelSet groupLabels) =>
        $"{route.Key}:{{{string.Join(", ", groupLabels)}}}";

    public void Insert(StoredAlert alert, DateTimeOffset now)
    {
        _alerts[alert.Fingerprint] = alert;

        // An alert that started longer than group_wait ago (e.g. re-sent after a restart) need not wait again.
        if (!HasFlushed && alert.StartsAt + Route.Config.GroupWait < now && NextFlush > now)
        {
            NextFlush = now;
        }
    }

    /// <summary>After a flush: the next one is a group_interval later.</summary>
    public void Flushed(DateTimeOffset now)
    {
        HasFlushed = true;
        NextFlush = now + Route.Config.GroupInterval;
    }

    /// <summary>Drops resolved alerts that were notified, unless a newer report of them arrived meanwhile.</summary>
    public void RemoveIfUnchanged(IEnumerable<StoredAlert> notified)
    {
        foreach (var alert in notified)
        {
            if (_alerts.TryGetValue(alert.Fingerprint, out var current) && ReferenceEquals(current, alert))
            {
                _alerts.Remove(alert.Fingerprint);
            }
        }
    }
}
