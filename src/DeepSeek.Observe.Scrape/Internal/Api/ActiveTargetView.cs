namespace DeepSeek.Observe.Scrape.Internal.Api;

/// <summary>One entry of <c>activeTargets</c>, field for field as Prometheus writes it.</summary>
internal sealed record ActiveTargetView(
    IReadOnlyDictionary<string, string> DiscoveredLabels,
    IReadOnlyDictionary<string, string> Labels,
    string ScrapePool,
    string ScrapeUrl,
    string GlobalUrl,
    string LastError,
    string LastScrape,
    double LastScrapeDuration,
    string Health,
    string ScrapeInterval,
    string ScrapeTimeout);
