using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Alerting.Rules.Evaluation;

/// <summary>
/// Restoring <c>for</c> state after a restart (Prometheus's RestoreForState): an alert that had been pending or firing
/// before the platform went down keeps its original active-at time, read from the last <c>ALERTS_FOR_STATE</c> sample,
/// so a long <c>for</c> does not start over.
/// </summary>
public sealed partial class RuleGroupEvaluator
{
    /// <summary>Prometheus's defaults: <c>--rules.alert.for-outage-tolerance</c> 1h, <c>--rules.alert.for-grace-period</c> 10m.</summary>
    public static readonly TimeSpan OutageTolerance = TimeSpan.FromHours(1);

    public static readonly TimeSpan ForGracePeriod = TimeSpan.FromMinutes(10);

    /// <summary>Holds back ALERTS samples until <see cref="RestoreForState"/> runs (called before the first evaluation).</summary>
    public void PrepareRestore()
    {
        foreach (var rule in Rules.OfType<AlertingRule>())
        {
            rule.Restored = false;
        }
    }

    /// <summary>
    /// Shifts the active-at time of every active alert whose <c>for</c> is at least the grace period, from the
    /// <c>ALERTS_FOR_STATE</c> samples of the last <see cref="OutageTolerance"/> before <paramref name="at"/>.
    /// </summary>
    public void RestoreForState(DateTimeOffset at, ISeriesQuerier querier)
    {
        ArgumentNullException.ThrowIfNull(querier);
        var startMs = (at - OutageTolerance).ToUnixTimeMilliseconds();
        var endMs = at.ToUnixTimeMilliseconds();
        foreach (var rule in Rules.OfType<AlertingRule>())
        {
            var hold = rule.Definition.For;
            if (hold >= ForGracePeriod)
            {
                foreach (var alert in rule.ActiveAlerts())
                {
                    Restore(alert, hold, at, querier, startMs, endMs);
                }
            }

            rule.Restored = true;
        }
    }

    private static void Restore(ActiveAlert alert, TimeSpan hold, DateTimeOffset at, ISeriesQuerier querier, long startMs, long endMs)
    {
        var series = alert.Labels.With(LabelNames.MetricName, AlertingRule.AlertsForStateMetric);
        var matchers = series.Select(l => LabelMatcher.Create(l.Name, LabelMatchType.Equal, l.Value)).ToList();
        if (!querier.Series(matchers, startMs, endMs, 2).Contains(series))
        {
            return;
        }

        var samples = querier.Samples(series, startMs, endMs);
        if (samples.Count == 0 || samples[^1].IsStaleMarker)
        {
            return;
        }

        var last = samples[^1];
        var downAt = DateTimeOffset.FromUnixTimeSeconds(last.TimestampMs / 1000);
        var restoredActiveAt = DateTimeOffset.FromUnixTimeSeconds((long)last.Value);
        var remaining = hold - (downAt - restoredActiveAt);
        if (remaining <= TimeSpan.Zero)
        {
            // It had already been firing: it fires again as soon as it is evaluated.
        }
        else if (remaining < ForGracePeriod)
        {
            // Give it at least the grace period, so a restart does not turn into an instant page.
            restoredActiveAt = at + ForGracePeriod - hold;
        }
        else
        {
            // The time it was down does not count as pending time.
            restoredActiveAt += at - downAt;
        }

        alert.ActiveAt = restoredActiveAt;
    }
}
