using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.Rules.Evaluation;

/// <summary>What Prometheus's rule manager sends to Alertmanager after each evaluation of an alerting rule.</summary>
public sealed partial class AlertingRule
{
    /// <summary>
    /// Firing alerts due a (re-)send and newly resolved ones, as Alertmanager API alerts. A firing alert is valid
    /// for 4 × max(resend delay, group interval), enough for two missed evaluations or sends; a resolved one ends
    /// when it resolved. External labels are added where the alert lacks them (Prometheus's notifier does so).
    /// </summary>
    internal List<PostableAlert> TakeNotifications(DateTimeOffset at, TimeSpan groupInterval)
    {
        var delta = groupInterval > settings.ResendDelay ? groupInterval : settings.ResendDelay;
        var result = new List<PostableAlert>();
        lock (_lock)
        {
            foreach (var alert in _active.Values)
            {
                if (!alert.NeedsSending(at, settings.ResendDelay))
                {
                    continue;
                }

                alert.LastSentAt = at;
                alert.ValidUntil = at + (4 * delta);
                var labels = alert.Labels;
                foreach (var external in settings.ExternalLabels)
                {
                    if (!labels.Contains(external.Name))
                    {
                        labels = labels.With(external.Name, external.Value);
                    }
                }

                result.Add(new PostableAlert(
                    labels,
                    alert.Annotations,
                    alert.FiredAt ?? alert.ActiveAt,
                    alert.ResolvedAt ?? alert.ValidUntil,
                    GeneratorUrl()));
            }
        }

        return result;
    }

    // Prometheus's strutil.TableLinkForExpression, after the external URL.
    private string GeneratorUrl() =>
        settings.ExternalUrl.TrimEnd('/') + "/graph?g0.expr=" + Uri.EscapeDataString(Definition.Expression).Replace("%20", "+", StringComparison.Ordinal) + "&g0.tab=1";

    /// <summary>Takes over the alerts of the same rule from before a reload (Prometheus's Group.CopyState).</summary>
    internal void CopyAlertsFrom(AlertingRule previous)
    {
        lock (_lock)
        {
            lock (previous._lock)
            {
                foreach (var (labels, alert) in previous._active)
                {
                    _active[labels] = alert;
                }
            }
        }
    }

    internal List<ActiveAlert> ActiveAlerts()
    {
        lock (_lock)
        {
            return [.. _active.Values.Where(a => a.State != AlertState.Resolved)];
        }
    }
}
