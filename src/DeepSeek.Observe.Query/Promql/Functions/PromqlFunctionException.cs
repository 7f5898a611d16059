namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// A function argument Prometheus rejects at evaluation time (an invalid regular expression or label name in
/// label_replace/label_join); the message is Prometheus's, so API clients see the same error text.
/// </summary>
public sealed class PromqlFunctionException : Exception
{
    public PromqlFunctionException()
    {
    }

    public PromqlFunctionException(string message)
        : base(message)
    {
    }

    public PromqlFunctionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
