namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>A scrape failed (up = 0, nothing of it stored); <see cref="Reason"/> labels the self-metric.</summary>
internal sealed class ScrapeFailedException : Exception
{
    public ScrapeFailedException()
    {
    }

    public ScrapeFailedException(string message)
        : base(message)
    {
    }

    public ScrapeFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScrapeFailedException(string reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public string Reason { get; } = "error";
}
