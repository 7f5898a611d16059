using Microsoft.Extensions.Logging;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>Runs one target's scrapes at its fixed instants until stopped; a scrape's failure never ends the loop.</summary>
internal sealed class ScrapeLoop(TargetScraper scraper, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var target = scraper.Target;
        var interval = target.Job.ScrapeInterval;
        try
        {
            await Task.Delay(ScrapeSchedule.UntilNext(time.GetUtcNow(), interval, target.Offset), time, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await scraper.ScrapeAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ScrapeLog.LoopError(logger, target.Url, target.Job.JobName, ex);
                }

                // Zero means the scrape took no time at all (a fake clock): the next instant is a whole interval away.
                var wait = ScrapeSchedule.UntilNext(time.GetUtcNow(), interval, target.Offset);
                await Task.Delay(wait == TimeSpan.Zero ? interval : wait, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: Prometheus writes no staleness markers at shutdown either.
        }
    }
}
