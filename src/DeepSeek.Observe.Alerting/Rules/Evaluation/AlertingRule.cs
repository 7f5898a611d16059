using DeepSeek.Observe.Alerting.Rules.Templates;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;

namespace DeepSeek.Observe.Alerting.Rules.Evaluation;

/// <summary>
/// An <c>alert:</c> rule and its alerts, with Prometheus's state machine (rules/alerting.go): each result label set
/// is pending from the first evaluation that returns it, firing once it has been active for <c>for</c>, kept firing
/// for <c>keep_firing_for</c> after it disappears, then inactive (resolved) and kept 15 minutes for notification.
/// </summary>
public sealed partial class AlertingRule(RuleDefinition definition, RuleEvaluationSettings settings) : EvaluatedRule(definition)
{
    public const string AlertsMetric = "ALERTS";
    public const string AlertsForStateMetric = "ALERTS_FOR_STATE";
    public const string AlertStateLabel = "alertstate";

    private readonly Dictionary<LabelSet, ActiveAlert> _active = [];
    private readonly Lock _lock = new();

    /// <summary>Whether <c>for</c> state was restored (or needs none); until then no ALERTS samples are written.</summary>
    internal bool Restored { get; set; } = true;

    /// <summary>Pending, firing and recently resolved alerts, for the APIs.</summary>
    public IReadOnlyList<Alert> Alerts
    {
        get
        {
            lock (_lock)
            {
                return [.. _active.Values.Select(a => a.ToAlert())];
            }
        }
    }

    internal override IReadOnlyList<InstantSample> Evaluate(DateTimeOffset at, IPromqlEvaluator evaluator, int limit, CancellationToken cancellationToken)
    {
        var vector = evaluator.EvaluateInstant(Definition.Expression, at, cancellationToken);
        var results = new Dictionary<LabelSet, ActiveAlert>(vector.Count);
        foreach (var sample in vector)
        {
            var data = new TemplateData(sample.Labels.ToDictionary(), settings.ExternalLabels.ToDictionary(), settings.ExternalUrl, sample.Value);
            var labels = sample.Labels.Without(LabelNames.MetricName);
            foreach (var (name, template) in Definition.Labels)
            {
                labels = Apply(labels, name, template.Expand(data));
            }

            labels = labels.With(Alert.AlertNameLabel, Definition.Name);
            var annotations = LabelSet.Create(Definition.Annotations.Select(a => KeyValuePair.Create(a.Key, a.Value.Expand(data))));
            if (!results.TryAdd(labels, new ActiveAlert(labels, annotations, at, sample.Value)))
            {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying alert labels");
            }
        }

        lock (_lock)
        {
            return Advance(at, results, limit);
        }
    }

    private List<InstantSample> Advance(DateTimeOffset at, Dictionary<LabelSet, ActiveAlert> results, int limit)
    {
        foreach (var (labels, alert) in results)
        {
            if (_active.TryGetValue(labels, out var existing) && existing.State != AlertState.Resolved)
            {
                existing.Value = alert.Value;
                existing.Annotations = alert.Annotations;
                continue;
            }

            _active[labels] = alert;
        }

        var samples = new List<InstantSample>();
        var activeOrPending = 0;
        foreach (var (labels, alert) in _active.ToList())
        {
            if (!results.ContainsKey(labels))
            {
                var keepFiring = false;
                if (alert.State == AlertState.Firing && Definition.KeepFiringFor > TimeSpan.Zero)
                {
                    alert.KeepFiringSince ??= at;
                    keepFiring = at - alert.KeepFiringSince < Definition.KeepFiringFor;
                }

                if (alert.State == AlertState.Pending
                    || (alert.ResolvedAt is { } resolved && at - resolved > RuleEvaluationSettings.ResolvedRetention))
                {
                    _active.Remove(labels);
                }

                if (alert.State != AlertState.Resolved && !keepFiring)
                {
                    alert.State = AlertState.Resolved;
                    alert.ResolvedAt = at;
                }

                if (!keepFiring)
                {
                    continue;
                }
            }
            else
            {
                alert.KeepFiringSince = null;
            }

            activeOrPending++;
            if (alert.State == AlertState.Pending && at - alert.ActiveAt >= Definition.For)
            {
                alert.State = AlertState.Firing;
                alert.FiredAt = at;
            }

            if (Restored)
            {
                samples.Add(new InstantSample(SeriesLabels(alert, AlertsMetric).With(AlertStateLabel, alert.State == AlertState.Firing ? "firing" : "pending"), 1));
                samples.Add(new InstantSample(SeriesLabels(alert, AlertsForStateMetric), alert.ActiveAt.ToUnixTimeSeconds()));
            }
        }

        if (limit > 0 && activeOrPending > limit)
        {
            // Prometheus drops every alert of the rule: better no alerts than an arbitrary subset.
            _active.Clear();
            throw new RuleEvaluationException($"exceeded limit of {limit} with {activeOrPending} alerts");
        }

        return samples;
    }

    // Prometheus builds ALERTS and ALERTS_FOR_STATE from the rule's labels as written, then the alert's over them: a
    // templated label that expanded to nothing (so the alert lacks it) keeps its template text in these series.
    private LabelSet SeriesLabels(ActiveAlert alert, string metric)
    {
        var labels = alert.Labels;
        foreach (var (name, template) in Definition.Labels)
        {
            if (!labels.Contains(name) && template.Text.Length > 0)
            {
                labels = labels.With(name, template.Text);
            }
        }

        return labels.With(LabelNames.MetricName, metric);
    }
}
