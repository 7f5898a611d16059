namespace DeepSeek.Observe.Scrape;

/// <summary>The scrape configuration is wrong; the one-line message names the file, line and setting to fix.</summary>
public sealed class ScrapeConfigException : Exception
{
    public ScrapeConfigException()
    {
    }

    public ScrapeConfigException(string message)
        : base(message)
    {
    }

    public ScrapeConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
