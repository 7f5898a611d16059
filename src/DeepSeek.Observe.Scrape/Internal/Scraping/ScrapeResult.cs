using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Scrape.Internal.Scraping;

/// <summary>What one successful scrape parsed into, before staleness markers and synthetic series are added.</summary>
/// <param name="Samples">One sample per distinct series without an exposed timestamp, labels final.</param>
/// <param name="Timestamped">The same for series with an exposed (honored) timestamp.</param>
/// <param name="Seen">Every series of this scrape (duplicates dropped).</param>
/// <param name="Tracked">Series without an exposed timestamp: the ones staleness markers are written for.</param>
/// <param name="SamplesScraped">Sample lines in the exposition (scrape_samples_scraped).</param>
/// <param name="SeriesAdded">Series absent from the previous scrape (scrape_series_added).</param>
internal sealed record ScrapeResult(
    List<SeriesSamples> Samples, List<SeriesSamples> Timestamped, HashSet<LabelSet> Seen, HashSet<LabelSet> Tracked, int SamplesScraped, int SeriesAdded);
