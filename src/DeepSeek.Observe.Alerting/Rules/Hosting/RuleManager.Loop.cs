using DeepSeek.Observe.Alerting.Rules.Evaluation;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Alerting.Rules.Hosting;

/// <summary>One group's evaluation loop.</summary>
internal sealed partial class RuleManager
{
    private async Task RunAsync(RuleGroupEvaluator group, bool restore, CancellationToken cancellationToken)
    {
        // A group is evaluated at once, then on its interval's grid; after a restart its for-state is restored once
        // the second evaluation has run (Prometheus waits for it, so the data that tells which alerts are active is in).
        var evaluations = 0;
        var schedule = new EvaluationSchedule(group.Interval, time.GetUtcNow());
        try
        {
            while (true)
            {
                await EvaluateOnceAsync(group, schedule.Next, cancellationToken);
                if (restore && ++evaluations == 2)
                {
                    RestoreSafely(group);
                    restore = false;
                }

                var missed = schedule.Advance(time.GetUtcNow());
                if (missed > 0)
                {
                    _instrumentation.MissedIterations.WithLabels(group.Definition.Name).Inc(missed);
                    RuleManagerLog.IterationsMissed(logger, missed, group.Definition.Name);
                }

                await WaitUntilAsync(schedule.Next, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping or reloading.
        }
    }

    // Sleeps until the clock reaches the evaluation time: a timer may fire a little early on the wall clock, and an
    // evaluation must not run before the data stamped up to its time can have arrived.
    private async Task WaitUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var wait = at - time.GetUtcNow(); wait > TimeSpan.Zero; wait = at - time.GetUtcNow())
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private async Task EvaluateOnceAsync(RuleGroupEvaluator group, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            var alerts = await group.EvaluateAsync(at, promql, appender, cancellationToken);
            Record(group, at);
            if (alerts.Count == 0)
            {
                return;
            }

            foreach (var sink in _sinks)
            {
                try
                {
                    await sink.SendAsync(alerts, cancellationToken);
                    _instrumentation.AlertsSent.WithLabels(sink.GetType().Name).Inc(alerts.Count);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _instrumentation.SendFailures.WithLabels(sink.GetType().Name).Inc();
                    RuleManagerLog.SendFailed(logger, ex, alerts.Count, group.Definition.Name, sink.GetType().Name);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RuleManagerLog.EvaluationFailed(logger, ex, group.Definition.Name);
        }
    }

    private void Record(RuleGroupEvaluator group, DateTimeOffset at)
    {
        var name = group.Definition.Name;
        _instrumentation.Evaluations.WithLabels(name).Inc(group.Rules.Count);
        _instrumentation.EvaluationFailures.WithLabels(name).Inc(group.Rules.Count(r => r.LastEvaluation == at && r.Health == RuleHealth.Err));
        _instrumentation.LastDuration.WithLabels(name).Set(group.EvaluationDuration.TotalSeconds);
        _instrumentation.Rules.WithLabels(name).Set(group.Rules.Count);
    }

    private void RestoreSafely(RuleGroupEvaluator group)
    {
        try
        {
            group.RestoreForState(time.GetUtcNow(), querier);
            RuleManagerLog.Restored(logger, group.Definition.Name);
        }
        catch (StoreUnavailableException ex)
        {
            // Without the store the alerts simply start pending again, as Prometheus does when its query fails.
            RuleManagerLog.EvaluationFailed(logger, ex, group.Definition.Name);
            group.RestoreForState(time.GetUtcNow(), EmptyQuerier.Instance);
        }
    }

    private sealed class EmptyQuerier : ISeriesQuerier
    {
        public static readonly EmptyQuerier Instance = new();

        public IReadOnlyList<Core.LabelSet> Series(IReadOnlyList<LabelMatcher> matchers, long startMs, long endMs, int limit) => [];

        public IReadOnlyList<Core.Sample> Samples(Core.LabelSet series, long startMs, long endMs) => [];
    }
}
