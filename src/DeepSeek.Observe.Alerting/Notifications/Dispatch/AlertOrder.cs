using DeepSeek.Observe.Alerting.Notifications.Alerts;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>
/// Alertmanager's order of alerts in a notification: by <c>job</c>, then <c>instance</c> (alerts lacking the label
/// last), then by the label sets themselves.
/// </summary>
internal sealed class AlertOrder : IComparer<StoredAlert>
{
    public static AlertOrder Instance { get; } = new();

    public int Compare(StoredAlert? x, StoredAlert? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        foreach (var name in (ReadOnlySpan<string>)["job", "instance"])
        {
            var (a, b) = (x.Labels[name], y.Labels[name]);
            if (a is null && b is null)
            {
                continue;
            }

            if (a is null || b is null)
            {
                return a is null ? 1 : -1;
            }

            var byValue = string.CompareOrdinal(a, b);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return CompareSets(x.Labels, y.Labels);
    }

    private static int CompareSets(LabelSet a, LabelSet b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var byName = string.CompareOrdinal(a[i].Name, b[i].Name);
            if (byName != 0)
            {
                return byName;
            }

            var byValue = string.CompareOrdinal(a[i].Value, b[i].Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return a.Count.CompareTo(b.Count);
    }
}
