namespace DeepSeek.Observe.Core.Series;

/// <summary>
/// Metric metadata (type, help, unit per family) as receivers and the scraper see it, for <c>/api/v1/metadata</c>.
/// Kept in memory, as Prometheus keeps it (in its scrape caches, not the TSDB): it is re-sent every minute by
/// remote_write senders and seen at every scrape, so nothing is lost that the next minute does not bring back.
/// </summary>
public interface IMetadataStore
{
    /// <summary>
    /// Records each entry under its family. Never throws for volume: past the store's bounds, entries are dropped and
    /// counted.
    /// </summary>
    void Record(IReadOnlyList<MetricMetadata> metadata);

    /// <summary>
    /// The distinct entries per family: of <paramref name="metric"/> only when given, at most <paramref name="limit"/>
    /// families and <paramref name="limitPerMetric"/> entries each (null: no limit).
    /// </summary>
    IReadOnlyDictionary<string, IReadOnlyList<MetricMetadata>> Query(string? metric, int? limit, int? limitPerMetric);
}
