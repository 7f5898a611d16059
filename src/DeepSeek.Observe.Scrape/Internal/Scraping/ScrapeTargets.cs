using DeepSeek.Observe.Core.Series;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>Every configured target's scraper, built once from the configuration file; read by the loops and the targets API.</summary>
internal sealed class ScrapeTargets
{
    public ScrapeTargets(
        IOptions<ScrapeOptions> options, IHttpClientFactory httpClients, ISampleAppender appender, IMetadataStore metadata, TimeProvider time,
        ScrapeInstrumentation metrics, ILoggerFactory loggers)
    {
        var settings = options.Value;
        ConfigFile = settings.ConfigFile;
        var logger = loggers.CreateLogger("DeepSeek.Observe.Scrape");
        var config = string.IsNullOrEmpty(ConfigFile) ? null : ScrapeConfig.Load(ConfigFile);
        JobCount = config?.Jobs.Count ?? 0;
        Scrapers = config is null
            ? []
            : ScrapeTarget.FromConfig(config)
                .Select(t => new TargetScraper(t, httpClients, appender, metadata, time, metrics, logger, settings.MaxBodyBytes))
                .ToArray();
        foreach (var job in config?.Jobs ?? [])
        {
            metrics.Targets.WithLabels(job.JobName).Set(Scrapers.Count(s => s.Target.Job == job));
        }
    }

    public string? ConfigFile { get; }

    public int JobCount { get; }

    public IReadOnlyList<TargetScraper> Scrapers { get; }
}
