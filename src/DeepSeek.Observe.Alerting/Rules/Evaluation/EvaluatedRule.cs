using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Query;

namespace DeepSeek.Observe.Alerting.Rules.Evaluation;

/// <summary>A rule with what its evaluations left behind: health, last error, timing.</summary>
public abstract class EvaluatedRule(RuleDefinition definition)
{
    public RuleDefinition Definition { get; } = definition;

    public RuleHealth Health { get; private set; } = RuleHealth.Unknown;

    public string? LastError { get; private set; }

    public DateTimeOffset? LastEvaluation { get; private set; }

    public TimeSpan EvaluationDuration { get; private set; }

    /// <summary>Evaluates at <paramref name="at"/> and returns the samples to write (recorded series or ALERTS).</summary>
    internal abstract IReadOnlyList<InstantSample> Evaluate(DateTimeOffset at, IPromqlEvaluator evaluator, int limit, CancellationToken cancellationToken);

    internal void Record(DateTimeOffset at, TimeSpan duration, string? error)
    {
        LastEvaluation = at;
        EvaluationDuration = duration;
        LastError = error;
        Health = error is null ? RuleHealth.Ok : RuleHealth.Err;
    }

    /// <summary>Identity across reloads: the kind, name and labels (Prometheus's nameAndLabels).</summary>
    internal string Identity =>
        $"{Definition.Kind}:{Definition.Name}:{string.Join(',', Definition.Labels.Select(l => $"{l.Key}={l.Value.Text}"))}";

    // Prometheus's labels.Builder.Set: an empty value removes the label.
    internal static LabelSet Apply(LabelSet labels, string name, string value) =>
        value.Length == 0 ? labels.Without(name) : labels.With(name, value);
}
