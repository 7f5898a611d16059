using DeepSeek.Observe.Scrape.Internal.Config;

namespace DeepSeek.Observe.Scrape;

/// <summary>
/// The part of Prometheus's configuration file the platform understands: <c>global</c> and <c>scrape_configs</c>
/// with static targets. A setting Prometheus has and the platform lacks is an error at start-up, never ignored, so a
/// configuration never means less here than it does in Prometheus.
/// </summary>
/// <param name="ScrapeInterval">global.scrape_interval (default 1m).</param>
/// <param name="ScrapeTimeout">global.scrape_timeout (default 10s, at most the interval).</param>
/// <param name="ExternalLabels">global.external_labels, added to every scraped series that lacks them.</param>
/// <param name="Jobs">scrape_configs, in file order.</param>
public sealed record ScrapeConfig(
    TimeSpan ScrapeInterval, TimeSpan ScrapeTimeout, IReadOnlyDictionary<string, string> ExternalLabels, IReadOnlyList<ScrapeJob> Jobs)
{
    public static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultScrapeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Reads and validates a file; throws <see cref="ScrapeConfigException"/> naming the file, line and setting.</summary>
    public static ScrapeConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScrapeConfigException($"{path}: cannot read the scrape configuration: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses YAML text; <paramref name="source"/> names it in error messages.</summary>
    public static ScrapeConfig Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return new ScrapeConfigReader(source).Read(yaml);
    }
}
