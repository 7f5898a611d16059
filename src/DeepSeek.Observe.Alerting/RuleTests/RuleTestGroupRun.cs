using DeepSeek.Observe.Alerting.Rules;
using DeepSeek.Observe.Alerting.Rules.Evaluation;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// One entry of a test file's <c>tests</c>, run as promtool does: fresh store and fresh rule state, input samples
/// appended up to each evaluation step just before it, every rule group evaluated at every step, alert checks
/// between steps, PromQL checks at the end. Returns promtool's error texts; evaluation stops at the first step where
/// a rule fails (its later results would be meaningless), keeping the failures found until then.
/// </summary>
internal sealed partial class RuleTestGroupRun
{
    /// <summary>Evaluation steps one test group may take: a year at 5m, a day at 1s; bounds a typo like 1y at 1s.</summary>
    public const long MaxEvaluationSteps = 200_000;

    private readonly RuleTestGroup _test;
    private readonly TimeSpan _evaluationInterval;
    private readonly IReadOnlyList<RuleGroupDefinition> _groups;
    private readonly IPromqlEvaluator _promql;
    private readonly TimeSpan _maxEvalTime;

    public RuleTestGroupRun(RuleTestGroup test, TimeSpan evaluationInterval, IReadOnlyList<RuleGroupDefinition> groups, IPromqlEvaluator promql)
    {
        _test = test;
        _evaluationInterval = evaluationInterval;
        _groups = groups;
        _promql = promql;
        _maxEvalTime = test.AlertRuleTests.Select(t => t.EvalTime)
            .Concat(test.PromqlExprTests.Select(t => t.EvalTime))
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
    }

    private long Steps => (_maxEvalTime.Ticks / _evaluationInterval.Ticks) + 1;

    /// <summary>Null when the run is within bounds, else why not.</summary>
    public string? CheckBounds() =>
        Steps <= MaxEvaluationSteps ? null
        : $"{Where}: eval_time {GoText.ModelDuration(_maxEvalTime)} at evaluation_interval {GoText.ModelDuration(_evaluationInterval)} needs {Steps} evaluations, more than {MaxEvaluationSteps}";

    private string Where => _test.Name.Length > 0 ? $"test group \"{_test.Name}\"" : "a test group";

    public async Task<List<string>> RunAsync(CancellationToken cancellationToken)
    {
        var store = new InMemorySeriesStore();
        var promql = _promql.WithQuerier(store);

        // The group's interval is the rules' default interval; promtool's rules only see it in ALERTS timing, and
        // the templates see the group's external labels and URL.
        var settings = RuleEvaluationSettings.Default with
        {
            DefaultInterval = _test.Interval,
            ExternalLabels = _test.ExternalLabels,
            ExternalUrl = _test.ExternalUrl,
        };
        var groups = _groups.Select(g => new RuleGroupEvaluator(g, settings)).ToList();
        var input = new InputFeed(_test);
        var alertTimes = _test.AlertRuleTests.Select(t => t.EvalTime).Distinct().Order().ToList();
        var nextAlertTime = 0;
        var errors = new List<string>();

        for (var step = 0L; step < Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ts = _evaluationInterval * step;
            var inputError = await input.AppendTillAsync(store, (long)ts.TotalMilliseconds, cancellationToken);
            if (inputError is not null)
            {
                errors.Add(inputError);
                return errors;
            }

            var evaluationErrors = await EvaluateAsync(groups, ts, promql, store, cancellationToken);
            if (evaluationErrors.Count > 0)
            {
                errors.AddRange(evaluationErrors);
                return errors;
            }

            // An alert expectation at t is checked against the evaluation at the step ts with ts <= t < ts + interval.
            while (nextAlertTime < alertTimes.Count && alertTimes[nextAlertTime] >= ts && alertTimes[nextAlertTime] < ts + _evaluationInterval)
            {
                errors.AddRange(CheckAlerts(groups, alertTimes[nextAlertTime]));
                nextAlertTime++;
            }
        }

        foreach (var test in _test.PromqlExprTests)
        {
            if (CheckExpression(promql, test, cancellationToken) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    private static async Task<List<string>> EvaluateAsync(
        List<RuleGroupEvaluator> groups, TimeSpan ts, IPromqlEvaluator promql, InMemorySeriesStore store, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var at = DateTimeOffset.UnixEpoch + ts;
        foreach (var group in groups)
        {
            var appendFailures = group.AppendFailures;
            await group.EvaluateAsync(at, promql, store, cancellationToken);
            foreach (var rule in group.Rules.Where(r => r.LastError is not null))
            {
                errors.Add($"    rule: {rule.Definition.Name}, time: {GoText.Duration(ts)}, err: {rule.LastError}");
            }

            // Prometheus marks a rule whose results the store refuses as failed; the evaluator only counts it.
            if (group.AppendFailures > appendFailures)
            {
                errors.Add($"    group: {group.Definition.Name}, time: {GoText.Duration(ts)}, err: {group.LastAppendError}");
            }
        }

        return errors;
    }

    /// <summary>The input series, appended step by step as promtool's lazy loader does (samples up to each step).</summary>
    private sealed class InputFeed(RuleTestGroup test)
    {
        private readonly List<(LabelSet Labels, List<Sample> Samples)> _series =
            [.. test.InputSeries.Select(s => (s.Labels, s.Samples(test.Interval).ToList()))];

        private readonly int[] _next = new int[test.InputSeries.Count];

        public async Task<string?> AppendTillAsync(InMemorySeriesStore store, long timestampMs, CancellationToken cancellationToken)
        {
            var batch = new List<SeriesSamples>();
            for (var i = 0; i < _series.Count; i++)
            {
                var (labels, samples) = _series[i];
                var from = _next[i];
                var to = from;
                while (to < samples.Count && samples[to].TimestampMs <= timestampMs)
                {
                    to++;
                }

                if (to > from)
                {
                    batch.Add(new SeriesSamples(labels, samples.GetRange(from, to - from)));
                    _next[i] = to;
                }
            }

            if (batch.Count == 0)
            {
                return null;
            }

            try
            {
                await store.AppendAsync(batch, cancellationToken);
                return null;
            }
            catch (AppendRejectedException ex)
            {
                return $"    input_series: {ex.Message}";
            }
        }
    }
}
