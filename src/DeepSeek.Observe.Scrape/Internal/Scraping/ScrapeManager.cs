using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>Starts one loop per target with the host and stops them with it.</summary>
internal sealed class ScrapeManager(ScrapeTargets targets, TimeProvider time, ILogger<ScrapeManager> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (targets.ConfigFile is null)
        {
            return Task.CompletedTask;
        }

        ScrapeLog.Started(logger, targets.Scrapers.Count, targets.JobCount, targets.ConfigFile);
        return Task.WhenAll(targets.Scrapers.Select(s => new ScrapeLoop(s, time, logger).RunAsync(stoppingToken)));
    }
}
