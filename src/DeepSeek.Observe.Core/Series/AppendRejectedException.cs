namespace DeepSeek.Observe.Core.Series;

/// <summary>The store refused a whole write; nothing of it was stored.</summary>
public sealed class AppendRejectedException : Exception
{
    public AppendRejectedException()
    {
    }

    public AppendRejectedException(string message)
        : base(message)
    {
    }

    public AppendRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AppendRejectedException(AppendRejection reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public AppendRejection Reason { get; } = AppendRejection.Unavailable;

    /// <summary>Whether the sender should retry the same write later.</summary>
    public bool IsRetryable => Reason is AppendRejection.Overloaded or AppendRejection.Unavailable;
}
