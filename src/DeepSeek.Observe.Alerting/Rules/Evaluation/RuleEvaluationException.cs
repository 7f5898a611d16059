namespace DeepSeek.Observe.Alerting.Rules.Evaluation;

/// <summary>A rule evaluation that failed for a reason Prometheus reports as the rule's last error.</summary>
public sealed class RuleEvaluationException : Exception
{
    public RuleEvaluationException()
    {
    }

    public RuleEvaluationException(string message)
        : base(message)
    {
    }

    public RuleEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
