using System.IO.Compression;
using System.Net;
using System.Text;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Scrape.Tests;

public class TargetScraperTests
{
    [Fact]
    public async Task ScrapeAsync_Success_WritesSamplesWithTargetLabelsAndSyntheticSeries()
    {
        var harness = new ScraperHarness();

        var batch = await harness.ScrapeAsync("# TYPE temp gauge\ntemp{gpu=\"0\"} 71\ntemp{gpu=\"1\"} 64\n");

        var sample = batch.Series("temp", ("gpu", "0"));
        Assert.Equal("temp{cluster=\"c1\", gpu=\"0\", instance=\"10.0.0.7:9400\", job=\"gpu\"}", sample.Labels.ToString());
        Assert.Equal(new Sample(harness.NowMs, 71), Assert.Single(sample.Samples));
        Assert.Equal(1, batch.Value("up", ("job", "gpu"), ("instance", "10.0.0.7:9400"), ("cluster", "c1")));
        Assert.Equal(2, batch.Value("scrape_samples_scraped"));
        Assert.Equal(2, batch.Value("scrape_samples_post_metric_relabeling"));
        Assert.Equal(2, batch.Value("scrape_series_added"));
        Assert.Equal(0, batch.Value("scrape_duration_seconds"));
        Assert.Equal(7, batch.Count);
        Assert.Equal("up", harness.Scraper.Health.Health);
    }

    [Fact]
    public async Task ScrapeAsync_Request_NegotiatesLikePrometheus()
    {
        var harness = new ScraperHarness("job_name: gpu\nmetrics_path: /probe\nparams:\n  module: [dcgm]\n  a: [\"x y\"]");

        await harness.ScrapeAsync("m 1\n");

        var request = Assert.Single(harness.Exporter.Requests);
        Assert.Equal("http://10.0.0.7:9400/probe?a=x%20y&module=dcgm", request.RequestUri!.AbsoluteUri);
        Assert.StartsWith("application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5", request.Headers.Accept.ToString().Replace(", ", ",", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("gzip", request.Headers.AcceptEncoding.ToString(), StringComparison.Ordinal);
        Assert.Equal("10", Assert.Single(request.Headers.GetValues("X-Prometheus-Scrape-Timeout-Seconds")));
    }

    [Fact]
    public async Task ScrapeAsync_SeriesDisappears_WritesStaleMarkerAtThisScrapesTime()
    {
        var harness = new ScraperHarness();
        await harness.ScrapeAsync("a 1\nb 2\n");
        harness.Clock.Advance(TimeSpan.FromSeconds(60));

        var batch = await harness.ScrapeAsync("a 3\n");

        var stale = Assert.Single(batch.Stale());
        Assert.Equal("b", stale.MetricName);
        Assert.Equal(harness.NowMs, batch.Series("b").Samples[0].TimestampMs);
        Assert.Equal(0, batch.Value("scrape_series_added"));
        Assert.Equal(1, batch.Value("scrape_samples_post_metric_relabeling"));
        Assert.Equal(3, batch.Value("a"));
    }

    [Fact]
    public async Task ScrapeAsync_TargetFails_UpZeroAndEveryPreviousSeriesStaleButNotUp()
    {
        var harness = new ScraperHarness();
        await harness.ScrapeAsync("a 1\nb{x=\"1\"} 2\n");
        harness.Exporter.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError));

        var batch = await harness.ScrapeAsync();

        Assert.Equal(0, batch.Value("up"));
        Assert.Equal(["a", "b"], batch.Stale().Select(l => l.MetricName).Order(StringComparer.Ordinal));
        Assert.Equal(0, batch.Value("scrape_samples_scraped"));
        Assert.Equal(7, batch.Count);
        Assert.Equal("down", harness.Scraper.Health.Health);
        Assert.Equal("server returned HTTP status 500 Internal Server Error", harness.Scraper.Health.LastError);

        // Already staled: a second failure writes only the synthetic series.
        Assert.Empty((await harness.ScrapeAsync()).Stale());
    }

    [Fact]
    public async Task ScrapeAsync_MalformedExposition_StoresNothingOfItAndUpZero()
    {
        var harness = new ScraperHarness();

        var batch = await harness.ScrapeAsync("good 1\nbad{x=\"1\" 2\n");

        Assert.DoesNotContain(batch, s => s.Labels.MetricName == "good");
        Assert.Equal(0, batch.Value("up"));
        Assert.Contains("line 2", harness.Scraper.Health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeAsync_ConnectionRefused_UpZero()
    {
        var harness = new ScraperHarness();
        harness.Exporter.Respond = (_, _) => throw new HttpRequestException("Connection refused (10.0.0.7:9400)");

        var batch = await harness.ScrapeAsync();

        Assert.Equal(0, batch.Value("up"));
        Assert.Contains("Connection refused", harness.Scraper.Health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeAsync_ExporterSlowerThanTimeout_FailsWhenTheFakeClockPassesIt()
    {
        var harness = new ScraperHarness("job_name: gpu\nscrape_interval: 5s\nscrape_timeout: 2s");
        var entered = new TaskCompletionSource();
        harness.Exporter.Respond = async (_, token) =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        };

        var scrape = harness.Scraper.ScrapeAsync(CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        await scrape.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, harness.Store.Last.Value("up"));
        Assert.Equal(2, harness.Store.Last.Value("scrape_duration_seconds"));
        Assert.Equal("scrape timed out after 2s", harness.Scraper.Health.LastError);
    }

    [Fact]
    public async Task ScrapeAsync_ConflictingLabelsWithoutHonorLabels_ScrapedOnesBecomeExported()
    {
        var harness = new ScraperHarness();

        var batch = await harness.ScrapeAsync("m{job=\"inner\",instance=\"i\",exported_job=\"x\",cluster=\"\"} 1\n");

        var labels = Assert.Single(batch, s => s.Labels.MetricName == "m").Labels;
        Assert.Equal("gpu", labels["job"]);
        Assert.Equal("10.0.0.7:9400", labels["instance"]);
        Assert.Equal("x", labels["exported_job"]);
        Assert.Equal("inner", labels["exported_exported_job"]);
        Assert.Equal("i", labels["exported_instance"]);
        Assert.Equal("c1", labels["cluster"]);
    }

    [Fact]
    public async Task ScrapeAsync_HonorLabels_ScrapedLabelsWin()
    {
        var harness = new ScraperHarness("job_name: gpu\nhonor_labels: true");

        var batch = await harness.ScrapeAsync("m{job=\"inner\",cluster=\"c9\"} 1\n");

        var labels = Assert.Single(batch, s => s.Labels.MetricName == "m").Labels;
        Assert.Equal(("inner", "c9", "10.0.0.7:9400"), (labels["job"], labels["cluster"], labels["instance"]));
        Assert.False(labels.Contains("exported_job"));
    }

    [Theory]
    [InlineData(true, 1_600_000_000_123)]
    [InlineData(false, 1_700_000_000_000)]
    public async Task ScrapeAsync_ExposedTimestamp_KeptOnlyWithHonorTimestamps(bool honor, long expected)
    {
        var harness = new ScraperHarness($"job_name: gpu\nhonor_timestamps: {(honor ? "true" : "false")}");

        var batch = await harness.ScrapeAsync("m 1 1600000000123\n");

        Assert.Equal(expected, batch.Series("m").Samples[0].TimestampMs);
    }

    [Fact]
    public async Task ScrapeAsync_SeriesWithExposedTimestampDisappears_NoStaleMarker()
    {
        var harness = new ScraperHarness();
        await harness.ScrapeAsync("m 1 1600000000123\n");

        Assert.Empty((await harness.ScrapeAsync("other 1\n")).Stale());
    }

    [Theory]
    [InlineData("sample_limit: 2", "a 1\nb 1\nc 1\n", "sample limit exceeded")]
    [InlineData("label_limit: 4", "a{x=\"1\",y=\"2\"} 1\n", "label_limit exceeded (metric: a, number of labels: 6, limit: 4)")]
    [InlineData("label_name_length_limit: 3", "a{long=\"1\"} 1\n", "label_name_length_limit exceeded")]
    [InlineData("label_value_length_limit: 3", "a{x=\"long\"} 1\n", "label_value_length_limit exceeded")]
    [InlineData("body_size_limit: 1KB", null, "body size limit exceeded")]
    public async Task ScrapeAsync_OverALimit_FailsWholeScrape(string setting, string? body, string expected)
    {
        var harness = new ScraperHarness($"job_name: gpu\n{setting}");

        var batch = await harness.ScrapeAsync(body ?? string.Concat(Enumerable.Repeat("padding_metric_name 1\n", 100)));

        Assert.Equal(0, batch.Value("up"));
        Assert.Equal(5, batch.Count);
        Assert.Contains(expected, harness.Scraper.Health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeAsync_DuplicateSeriesAndExposedUp_FirstKeptAndSyntheticUpWins()
    {
        var harness = new ScraperHarness();

        var batch = await harness.ScrapeAsync("m{a=\"1\",b=\"2\"} 1\nm{b=\"2\",a=\"1\"} 2\nup 0\n");

        Assert.Equal(1, batch.Value("m"));
        Assert.Equal(1, batch.Value("up"));
        Assert.Equal(3, batch.Value("scrape_samples_scraped"));
        Assert.Equal(1, batch.Value("scrape_samples_post_metric_relabeling"));
    }

    [Fact]
    public async Task ScrapeAsync_OpenMetricsContentType_UsesOpenMetricsParser()
    {
        var harness = new ScraperHarness();

        var batch = await harness.ScrapeAsync("# TYPE c counter\nc_total 4 1600000000.5\n# EOF\n", "application/openmetrics-text; version=1.0.0; charset=utf-8");

        Assert.Equal(new Sample(1_600_000_000_500, 4), batch.Series("c_total").Samples[0]);
    }

    [Fact]
    public async Task ScrapeAsync_GzipBody_Inflated()
    {
        var harness = new ScraperHarness();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("zipped 42\n"));
        }

        harness.Exporter.Respond = (_, _) =>
        {
            var content = new ByteArrayContent(compressed.ToArray());
            content.Headers.ContentEncoding.Add("gzip");
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        };

        var batch = await harness.ScrapeAsync();

        Assert.Equal(42, batch.Value("zipped"));
    }

    [Fact]
    public async Task ScrapeAsync_StoreRefuses_ReportedAndNextScrapeStillStalesAgainstLastStored()
    {
        var harness = new ScraperHarness();
        await harness.ScrapeAsync("a 1\nb 1\n");
        harness.Store.Refuse = new AppendRejectedException(AppendRejection.Overloaded, "store is saturated");

        await harness.ScrapeAsync("a 2\n");
        Assert.Equal("up", harness.Scraper.Health.Health);
        Assert.Contains("store is saturated", harness.Scraper.Health.LastError, StringComparison.Ordinal);

        harness.Store.Refuse = null;
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var batch = await harness.ScrapeAsync("a 3\n");
        Assert.Equal("b", Assert.Single(batch.Stale()).MetricName);
        Assert.Equal(string.Empty, harness.Scraper.Health.LastError);
    }

    [Fact]
    public async Task ScrapeAsync_StoreRefusesExposedTimestamps_RestIsStillWritten()
    {
        var harness = new ScraperHarness();
        harness.Store.RefuseWhen = batch => batch.Any(s => s.Labels.MetricName == "old")
            ? new AppendRejectedException(AppendRejection.OutOfOrder, "out of order sample")
            : null;

        var batch = await harness.ScrapeAsync("old 1 1000\nfresh 2\n");

        Assert.Equal(1, batch.Value("up"));
        Assert.Equal(2, batch.Value("fresh"));
        Assert.DoesNotContain(batch, s => s.Labels.MetricName == "old");
    }

    [Fact]
    public async Task ScrapeAsync_ExternalLabels_AddedWhereMissing()
    {
        var harness = new ScraperHarness("job_name: gpu\nhonor_labels: true", "global:\n  external_labels:\n    region: eu\n    cluster: ext");

        var batch = await harness.ScrapeAsync("m 1\nn{region=\"us\"} 1\n");

        Assert.Equal(("eu", "c1"), (batch.Series("m").Labels["region"], batch.Series("m").Labels["cluster"]));
        Assert.Equal("us", batch.Series("n").Labels["region"]);
        Assert.Equal("eu", batch.Series("up").Labels["region"]);
    }
}
