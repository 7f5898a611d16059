using DeepSeek.Observe.Alerting.Notifications.Alerts;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

/// <summary>Builds Alertmanager's webhook v4 payload for one group and one webhook.</summary>
internal static class WebhookMessageBuilder
{
    public static WebhookMessage Build(
        string receiver, string groupKey, LabelSet groupLabels, IReadOnlyList<StoredAlert> alerts, int maxAlerts, string externalUrl, DateTimeOffset now)
    {
        var sorted = alerts.OrderBy(a => a, AlertOrder.Instance).ToList();
        var firing = sorted.Any(a => !a.IsResolved(now));

        // Common labels and annotations are over every alert of the message, before max_alerts truncates the list.
        var kept = maxAlerts > 0 && sorted.Count > maxAlerts ? sorted.GetRange(0, maxAlerts) : sorted;
        return new WebhookMessage(
            receiver,
            firing ? "firing" : "resolved",
            [.. kept.Select(a => ToWebhookAlert(a, now))],
            groupLabels.ToDictionary(),
            Common(sorted.Select(a => a.Labels)),
            Common(sorted.Select(a => a.Annotations)),
            externalUrl,
            WebhookMessage.CurrentVersion,
            groupKey,
            sorted.Count - kept.Count);
    }

    private static WebhookAlert ToWebhookAlert(StoredAlert alert, DateTimeOffset now)
    {
        var resolved = alert.IsResolved(now);
        return new WebhookAlert(
            resolved ? "resolved" : "firing",
            alert.Labels.ToDictionary(),
            alert.Annotations.ToDictionary(),
            alert.StartsAt,
            // Alertmanager does not reveal an end that has not come yet: a firing alert's endsAt is Go's zero time.
            resolved ? alert.EndsAt : DateTimeOffset.MinValue,
            alert.GeneratorUrl,
            alert.FingerprintText);
    }

    private static Dictionary<string, string> Common(IEnumerable<LabelSet> sets)
    {
        Dictionary<string, string>? common = null;
        foreach (var set in sets)
        {
            if (common is null)
            {
                common = new Dictionary<string, string>(set.ToDictionary(), StringComparer.Ordinal);
                continue;
            }

            foreach (var (name, value) in common.ToList())
            {
                if (set[name] != value)
                {
                    common.Remove(name);
                }
            }
        }

        return common ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }
}
