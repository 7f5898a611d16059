namespace DeepSeek.Observe.Core.Series;

/// <summary>
/// The store cannot serve a read right now (its backing storage, e.g. PostgreSQL, is unreachable). Readers answer
/// 503 rather than a silently partial result.
/// </summary>
public class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
