namespace DeepSeek.Observe.Storage;

/// <summary>
/// The store cannot start for a reason the operator must fix (directory locked, database unreachable). The message
/// is one line, written for the operator; the CLI prints it instead of a stack trace.
/// </summary>
public sealed class StoreStartupException : Exception
{
    public StoreStartupException()
    {
    }

    public StoreStartupException(string message)
        : base(message)
    {
    }

    public StoreStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
