namespace DeepSeek.Observe.Scrape.Internal.Exposition;

/// <summary>The exposition is malformed: the whole scrape fails and nothing of it is stored.</summary>
internal sealed class ExpositionFormatException : Exception
{
    public ExpositionFormatException()
    {
    }

    public ExpositionFormatException(string message)
        : base(message)
    {
    }

    public ExpositionFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
