using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Scrape.Tests;

/// <summary>What <see cref="Internal.Scraping.TargetScraper"/> hands the metadata store, scrape by scrape.</summary>
public class TargetScraperMetadataTests
{
    private const string Body = "# HELP temp GPU temperature.\n# TYPE temp gauge\ntemp{gpu=\"0\"} 71\n";

    [Fact]
    public async Task ScrapeAsync_StoredScrape_RecordsItsMetadata()
    {
        var harness = new ScraperHarness();

        await harness.ScrapeAsync(Body);

        Assert.Equal(new MetricMetadata("temp", MetricType.Gauge, "GPU temperature.", ""), Assert.Single(Assert.Single(harness.Metadata.Calls)));
    }

    [Fact]
    public async Task ScrapeAsync_MalformedExposition_RecordsNothing()
    {
        var harness = new ScraperHarness();

        await harness.ScrapeAsync("# TYPE temp gauge\ntemp{gpu=\"0\"} not-a-number\n");

        Assert.Empty(harness.Metadata.Calls);
        Assert.Equal("down", harness.Scraper.Health.Health);
    }

    [Fact]
    public async Task ScrapeAsync_StoreRefuses_RecordsNothing()
    {
        var harness = new ScraperHarness();
        harness.Store.Refuse = new AppendRejectedException(AppendRejection.Overloaded, "store is saturated");

        await harness.ScrapeAsync(Body);

        Assert.Empty(harness.Metadata.Calls);
    }
}
