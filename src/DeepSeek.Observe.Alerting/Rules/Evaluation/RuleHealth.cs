namespace DeepSeek.Observe.Alerting.Rules.Evaluation;

/// <summary>A rule's health after its last evaluation, as <c>/api/v1/rules</c> reports it.</summary>
public enum RuleHealth
{
    /// <summary>Not evaluated yet.</summary>
    Unknown,

    /// <summary>The last evaluation succeeded.</summary>
    Ok,

    /// <summary>The last evaluation failed; <see cref="EvaluatedRule.LastError"/> says why.</summary>
    Err,
}
