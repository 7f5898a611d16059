using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// A Prometheus rule unit-test file (promtool 2.42's format). <see cref="RuleFiles"/> are the patterns as written,
/// already joined to the test file's directory when relative (globs are expanded by <see cref="RuleFileGlob"/>).
/// </summary>
public sealed record RuleTestFile(
    string Path,
    IReadOnlyList<string> RuleFiles,
    TimeSpan EvaluationInterval,
    IReadOnlyList<string> GroupEvalOrder,
    IReadOnlyList<RuleTestGroup> Tests)
{
    /// <summary>promtool's default when <c>evaluation_interval</c> is left out.</summary>
    public static readonly TimeSpan DefaultEvaluationInterval = TimeSpan.FromMinutes(1);
}

/// <summary>
/// One entry of <c>tests</c>: input series loaded at <see cref="Interval"/> steps from time 0, then alert and PromQL
/// expectations at given times. <see cref="Interval"/> defaults to the file's evaluation interval.
/// </summary>
public sealed record RuleTestGroup(
    string Name,
    TimeSpan Interval,
    IReadOnlyList<InputSeries> InputSeries,
    IReadOnlyList<AlertRuleTestCase> AlertRuleTests,
    IReadOnlyList<PromqlExprTestCase> PromqlExprTests,
    LabelSet ExternalLabels,
    string ExternalUrl);

/// <summary>One input series: its labels and its expanded values, step i at i × the group's interval.</summary>
public sealed record InputSeries(LabelSet Labels, IReadOnlyList<SeriesValue> Values)
{
    /// <summary>The samples to load: one per step that is not <c>_</c>, staleness markers included.</summary>
    public IEnumerable<Sample> Samples(TimeSpan interval)
    {
        var stepMs = (long)interval.TotalMilliseconds;
        for (var i = 0; i < Values.Count; i++)
        {
            if (!Values[i].Omitted)
            {
                yield return new Sample(i * stepMs, Values[i].Value);
            }
        }
    }
}

/// <summary><c>alert_rule_test</c>: the alerts named <see cref="AlertName"/> expected to be firing at <see cref="EvalTime"/>.</summary>
public sealed record AlertRuleTestCase(TimeSpan EvalTime, string AlertName, IReadOnlyList<ExpectedAlert> ExpectedAlerts);

/// <summary>An expected firing alert: every label (the rule's and the series') and every annotation, as rendered.</summary>
public sealed record ExpectedAlert(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

/// <summary><c>promql_expr_test</c>: the samples <see cref="Expression"/> returns at <see cref="EvalTime"/>.</summary>
public sealed record PromqlExprTestCase(string Expression, TimeSpan EvalTime, IReadOnlyList<ExpectedSample> ExpectedSamples);

/// <summary>An expected sample of a PromQL test.</summary>
public sealed record ExpectedSample(LabelSet Labels, double Value);
