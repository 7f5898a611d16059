using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;

namespace DeepSeek.Observe.Alerting.RuleTests;

internal sealed partial class RuleTestGroupRun
{
    /// <summary>
    /// Queries a <c>promql_expr_test</c> at its time over the group's store (input series and everything the rules
    /// wrote) and compares, sorted by labels, with the expected samples. Values must be equal exactly: promtool 2.42
    /// compares with Go's <c>==</c> (no tolerance, so 0.1+0.2 is not 0.3, and NaN never equals NaN).
    /// </summary>
    private static string? CheckExpression(IPromqlEvaluator promql, PromqlExprTestCase test, CancellationToken cancellationToken)
    {
        var where = $"    expr: {GoText.Quote(test.Expression)}, time: {GoText.ModelDuration(test.EvalTime)}";
        IReadOnlyList<InstantSample> result;
        try
        {
            result = promql.EvaluateInstant(test.Expression, DateTimeOffset.UnixEpoch + test.EvalTime, cancellationToken);
        }
        catch (PromqlEvaluationException ex)
        {
            return $"{where}, err: {ex.Message}";
        }

        var got = result.Select(s => (s.Labels, s.Value)).OrderBy(s => s.Labels, LabelSetComparer.Instance).ToList();
        var expected = test.ExpectedSamples.Select(s => (s.Labels, s.Value)).OrderBy(s => s.Labels, LabelSetComparer.Instance).ToList();
        var equal = got.Count == expected.Count
            && got.Zip(expected).All(p => p.First.Labels.Equals(p.Second.Labels) && p.First.Value == p.Second.Value);
        return equal ? null : $"{where},\n        exp: {SamplesString(expected)}\n        got: {SamplesString(got)}";
    }

    private static string SamplesString(List<(LabelSet Labels, double Value)> samples) =>
        samples.Count == 0
            ? "nil"
            : string.Join(", ", samples.Select(s => GoText.Labels(s.Labels.Select(l => KeyValuePair.Create(l.Name, l.Value))) + " " + GoText.FloatE(s.Value)));
}
