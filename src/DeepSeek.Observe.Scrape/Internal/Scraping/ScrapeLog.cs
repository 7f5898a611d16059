using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>The scraper's log events (ids 4100–4199).</summary>
internal static partial class ScrapeLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Scraping {Targets} targets in {Jobs} jobs from {File}")]
    public static partial void Started(ILogger logger, int targets, int jobs, string file);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Scrape of {Url} (job {Job}) failed: {Error}")]
    public static partial void ScrapeFailed(ILogger logger, Uri url, string job, string error);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "The store refused the scrape of {Url} (job {Job}, {Samples} samples): {Error}")]
    public static partial void AppendRefused(ILogger logger, Uri url, string job, int samples, string error);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "Scrape loop of {Url} (job {Job}) failed unexpectedly; it goes on at the next interval")]
    public static partial void LoopError(ILogger logger, Uri url, string job, Exception exception);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Scrape of {Url} (job {Job}) succeeded again")]
    public static partial void ScrapeRecovered(ILogger logger, Uri url, string job);
}
