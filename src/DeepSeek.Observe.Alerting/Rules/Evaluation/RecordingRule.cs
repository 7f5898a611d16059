using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;

namespace DeepSeek.Observe.Alerting.Rules.Evaluation;

/// <summary>A <c>record:</c> rule: the expression's samples renamed to the record name with the rule's labels.</summary>
public sealed class RecordingRule(RuleDefinition definition) : EvaluatedRule(definition)
{
    internal override IReadOnlyList<InstantSample> Evaluate(DateTimeOffset at, IPromqlEvaluator evaluator, int limit, CancellationToken cancellationToken)
    {
        var vector = evaluator.EvaluateInstant(Definition.Expression, at, cancellationToken);
        var result = new List<InstantSample>(vector.Count);
        var seen = new HashSet<LabelSet>();
        foreach (var sample in vector)
        {
            var labels = sample.Labels.With(LabelNames.MetricName, Definition.Name);
            foreach (var (name, value) in Definition.Labels)
            {
                labels = Apply(labels, name, value.Text);
            }

            if (!seen.Add(labels))
            {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying rule labels");
            }

            result.Add(new InstantSample(labels, sample.Value));
        }

        return limit > 0 && result.Count > limit
            ? throw new RuleEvaluationException($"exceeded limit of {limit} with {result.Count} series")
            : result;
    }
}
