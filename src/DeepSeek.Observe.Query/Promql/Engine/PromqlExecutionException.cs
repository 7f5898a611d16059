namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>A query that parsed but cannot be evaluated (too many samples, duplicate series, ...): Prometheus's <c>execution</c> error.</summary>
public sealed class PromqlExecutionException : Exception
{
    public PromqlExecutionException()
    {
    }

    public PromqlExecutionException(string message)
        : base(message)
    {
    }

    public PromqlExecutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
