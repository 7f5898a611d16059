using DeepSeek.Observe.Scrape.Internal.Scraping;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeepSeek.Observe.Scrape.Tests;

public class ScrapeLoopTests
{
    [Fact]
    public async Task RunAsync_FakeClock_ScrapesAtTheTargetsOffsetThenEveryInterval()
    {
        var harness = new ScraperHarness("job_name: gpu\nscrape_interval: 10s\nscrape_timeout: 1s");
        var scraped = new SemaphoreSlim(0);
        harness.Exporter.Respond = (_, _) =>
        {
            scraped.Release();
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("m 1\n") });
        };
        using var stop = new CancellationTokenSource();
        var loop = new ScrapeLoop(harness.Scraper, harness.Clock, NullLogger.Instance).RunAsync(stop.Token);
        var first = ScrapeSchedule.UntilNext(harness.Clock.GetUtcNow(), TimeSpan.FromSeconds(10), harness.Target.Offset);

        if (first > TimeSpan.Zero)
        {
            harness.Clock.Advance(first - TimeSpan.FromMilliseconds(1));
            Assert.False(await scraped.WaitAsync(TimeSpan.FromMilliseconds(100)), "scraped before the target's offset");
            harness.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.True(await scraped.WaitAsync(TimeSpan.FromSeconds(10)), "first scrape");
        var firstAt = harness.Clock.GetUtcNow();
        await Eventually(() => harness.Store.Batches.Count == 1);
        harness.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(await scraped.WaitAsync(TimeSpan.FromMilliseconds(100)), "scraped before the interval passed");
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await scraped.WaitAsync(TimeSpan.FromSeconds(10)), "second scrape");
        await Eventually(() => harness.Store.Batches.Count == 2);

        Assert.Equal(firstAt.AddSeconds(10).ToUnixTimeMilliseconds(), harness.Store.Last.Series("up").Samples[0].TimestampMs);
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RunAsync_ScrapeThrowsUnexpectedly_LoopGoesOn()
    {
        var harness = new ScraperHarness("job_name: gpu\nscrape_interval: 10s\nscrape_timeout: 1s");
        var calls = 0;
        harness.Exporter.Respond = (_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("handler bug")
            : Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("m 1\n") });
        using var stop = new CancellationTokenSource();
        var loop = new ScrapeLoop(harness.Scraper, harness.Clock, NullLogger.Instance).RunAsync(stop.Token);

        for (var i = 0; i < 3 && !harness.Store.Batches.Any(b => b.Any(s => s.Labels.MetricName == "m")); i++)
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(50);
        }

        await Eventually(() => harness.Store.Batches.Any(b => b.Any(s => s.Labels.MetricName == "m")));
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
