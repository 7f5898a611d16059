using Prometheus;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>The scraper's self-metrics, per job: scrapes, failures by reason, samples written, store refusals.</summary>
internal sealed class ScrapeInstrumentation
{
    public Gauge Targets { get; } = Metrics.CreateGauge(
        "observe_scrape_targets", "Configured scrape targets, per job.", "job");

    public Counter Scrapes { get; } = Metrics.CreateCounter(
        "observe_scrape_scrapes_total", "Scrapes attempted, per job.", "job");

    public Counter Failures { get; } = Metrics.CreateCounter(
        "observe_scrape_failures_total", "Scrapes that failed (up = 0), per job and reason.", "job", "reason");

    public Counter SamplesAppended { get; } = Metrics.CreateCounter(
        "observe_scrape_samples_appended_total", "Samples written to the store, synthetic series and staleness markers included, per job.", "job");

    public Counter AppendsRefused { get; } = Metrics.CreateCounter(
        "observe_scrape_appends_refused_total", "Scrape results the store refused (nothing of them stored), per job and reason.", "job", "reason");

    public Histogram Duration { get; } = Metrics.CreateHistogram(
        "observe_scrape_duration_seconds", "Time to fetch and parse one scrape, per job.",
        new HistogramConfiguration { LabelNames = ["job"], Buckets = Histogram.ExponentialBuckets(0.005, 2, 12) });
}
