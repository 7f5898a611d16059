using System.Diagnostics;
using DeepSeek.Observe.Alerting.Notifications;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Alerting.Rules.Evaluation;

/// <summary>
/// Evaluates one rule group at times the caller chooses (the host's scheduler, or a rule unit-test runner driving a
/// scratch store): rules in order, each rule's samples written before the next rule runs, so a recording rule's
/// output is visible to the rules after it. Reads no clock; series that a rule stopped producing get a staleness
/// marker, as Prometheus writes them, so they vanish from queries at once.
/// </summary>
public sealed partial class RuleGroupEvaluator
{
    private readonly Dictionary<LabelSet, bool>[] _previousSeries;
    private readonly Lock _lock = new();

    public RuleGroupEvaluator(RuleGroupDefinition definition, RuleEvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(settings);
        Definition = definition;
        Interval = definition.Interval ?? settings.DefaultInterval;
        Rules = [.. definition.Rules.Select(EvaluatedRule (r) => r.Kind == RuleKind.Alerting ? new AlertingRule(r, settings) : new RecordingRule(r))];
        _previousSeries = [.. Rules.Select(_ => new Dictionary<LabelSet, bool>())];
    }

    public RuleGroupDefinition Definition { get; }

    public TimeSpan Interval { get; }

    public IReadOnlyList<EvaluatedRule> Rules { get; }

    public DateTimeOffset? LastEvaluation { get; private set; }

    public TimeSpan EvaluationDuration { get; private set; }

    /// <summary>Identity across reloads: a group is the same group when its file and name are.</summary>
    public string Key => $"{Definition.File};{Definition.Name}";

    /// <summary>
    /// Evaluates every rule at <paramref name="at"/> and returns the alerts to notify (Prometheus's sendAlerts after
    /// each alerting rule). A failing rule is marked unhealthy with the error and the next rule still runs.
    /// </summary>
    public async Task<IReadOnlyList<PostableAlert>> EvaluateAsync(
        DateTimeOffset at, IPromqlEvaluator evaluator, ISampleAppender appender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(appender);
        var notifications = new List<PostableAlert>();
        var groupStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < Rules.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rule = Rules[i];
            var start = Stopwatch.GetTimestamp();
            IReadOnlyList<InstantSample> samples;
            try
            {
                samples = rule.Evaluate(at, evaluator, Definition.Limit, cancellationToken);
            }
            catch (Exception ex) when (ex is PromqlEvaluationException or RuleEvaluationException or ArgumentException)
            {
                rule.Record(at, Stopwatch.GetElapsedTime(start), ex.Message);
                continue;
            }

            rule.Record(at, Stopwatch.GetElapsedTime(start), null);
            if (rule is AlertingRule alerting)
            {
                notifications.AddRange(alerting.TakeNotifications(at, Interval));
            }

            await WriteAsync(i, samples, at, appender, cancellationToken);
        }

        lock (_lock)
        {
            LastEvaluation = at;
            EvaluationDuration = Stopwatch.GetElapsedTime(groupStart);
        }

        return notifications;
    }

    /// <summary>Takes over alerts and written-series memory of the same rules from the group before a reload.</summary>
    public void CopyStateFrom(RuleGroupEvaluator previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var unmatched = previous.Rules.Select((r, i) => (r, i)).GroupBy(x => x.r.Identity).ToDictionary(g => g.Key, g => new Queue<int>(g.Select(x => x.i)));
        for (var i = 0; i < Rules.Count; i++)
        {
            if (!unmatched.TryGetValue(Rules[i].Identity, out var indexes) || indexes.Count == 0)
            {
                continue;
            }

            var from = indexes.Dequeue();
            foreach (var series in previous._previousSeries[from].Keys)
            {
                _previousSeries[i][series] = true;
            }

            if (Rules[i] is AlertingRule rule && previous.Rules[from] is AlertingRule old)
            {
                rule.CopyAlertsFrom(old);
            }
        }

        LastEvaluation = previous.LastEvaluation;
        EvaluationDuration = previous.EvaluationDuration;
    }

    private async Task WriteAsync(int rule, IReadOnlyList<InstantSample> samples, DateTimeOffset at, ISampleAppender appender, CancellationToken cancellationToken)
    {
        var timestamp = at.ToUnixTimeMilliseconds();
        var written = new Dictionary<LabelSet, bool>(samples.Count);
        var batch = new List<SeriesSamples>(samples.Count);
        foreach (var sample in samples)
        {
            if (written.TryAdd(sample.Labels, true))
            {
                batch.Add(new SeriesSamples(sample.Labels, [new Sample(timestamp, sample.Value)]));
            }
        }

        foreach (var series in _previousSeries[rule].Keys)
        {
            if (!written.ContainsKey(series))
            {
                batch.Add(new SeriesSamples(series, [new Sample(timestamp, Sample.StaleNaN)]));
            }
        }

        _previousSeries[rule] = written;
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await appender.AppendAsync(batch, cancellationToken);
        }
        catch (AppendRejectedException ex)
        {
            // Prometheus logs failed rule-result appends and keeps the rule healthy; the error is the store's, not the rule's.
            AppendFailures++;
            LastAppendError = ex.Message;
        }
    }

    /// <summary>How many rule results the store refused, and the last reason; exported as self-metrics by the host.</summary>
    public int AppendFailures { get; private set; }

    public string? LastAppendError { get; private set; }
}
