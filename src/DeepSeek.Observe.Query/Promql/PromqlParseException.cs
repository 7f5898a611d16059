namespace DeepSeek.Observe.Query.Promql;

/// <summary>Malformed PromQL; the message says where and what, as Prometheus's parser does.</summary>
public sealed class PromqlParseException : Exception
{
    public PromqlParseException()
    {
    }

    public PromqlParseException(string message)
        : base(message)
    {
    }

    public PromqlParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
