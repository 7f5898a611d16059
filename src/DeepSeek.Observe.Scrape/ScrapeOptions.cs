using System.ComponentModel.DataAnnotations;

namespace DeepSeek.Observe.Scrape;

/// <summary>Configuration section <c>Scrape</c>: which file lists the targets, and the bounds every scrape respects.</summary>
public sealed class ScrapeOptions
{
    public const string SectionName = "Scrape";

    /// <summary>Prometheus-format configuration file (<c>serve --scrape-config</c>); null: nothing is scraped.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>
    /// Largest response body, after decompression, when a job sets no <c>body_size_limit</c>. The body is held whole
    /// while parsed (bytes, then as text: about three times this in memory per concurrent scrape); kube-state-metrics
    /// on a large cluster is tens of MiB.
    /// </summary>
    [Range(1024, 1L << 29)]
    public long MaxBodyBytes { get; set; } = 64L << 20;
}
