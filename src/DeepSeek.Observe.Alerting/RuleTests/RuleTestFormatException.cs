namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// A rule-test file, or a part of one, that does not follow Prometheus's unit-test format. The message names where
/// (file, line and the field's path, e.g. <c>tests[0].input_series[2].values</c>) and what is wrong.
/// </summary>
public sealed class RuleTestFormatException : Exception
{
    public RuleTestFormatException()
    {
    }

    public RuleTestFormatException(string message)
        : base(message)
    {
    }

    public RuleTestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
