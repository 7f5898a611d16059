using DeepSeek.Observe.Alerting.Notifications.Alerts;

namespace DeepSeek.Observe.Alerting.Notifications.Dispatch;

internal sealed partial class NotificationDispatcher
{
    /// <summary>The alerts that have not resolved, with their receivers and what mutes them now.</summary>
    public IReadOnlyList<AlertView> ActiveAlerts()
    {
        var now = _time.GetUtcNow();
        List<StoredAlert> alerts;
        Inhibitor inhibitor;
        lock (_lock)
        {
            alerts = [.. _store.All.Where(a => !a.IsResolved(now))];
            inhibitor = new Inhibitor(_config.InhibitRules, alerts, now);
        }

        return [.. alerts.Select(a => new AlertView(
            a,
            Receivers(a.Labels),
            _silences.Muting(a.Labels, now),
            inhibitor.InhibitedBy(a.Labels) is { } source ? [StoredAlert.FormatFingerprint(source)] : []))];
    }
}
