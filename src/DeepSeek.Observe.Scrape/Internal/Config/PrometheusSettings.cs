namespace DeepSeek.Observe.Scrape.Internal.Config;

/// <summary>
/// Settings Prometheus 2.42 accepts that the platform does not implement. They get their own message ("not
/// supported") rather than "unknown field", so an operator reusing a prometheus.yml knows what to remove and why.
/// </summary>
internal static class PrometheusSettings
{
    public static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal)
    {
        "alerting", "rule_files", "remote_write", "remote_read", "storage", "tracing",
    };

    public static readonly HashSet<string> Global = new(StringComparer.Ordinal) { "query_log_file" };

    public static readonly HashSet<string> ScrapeConfig = new(StringComparer.Ordinal)
    {
        "relabel_configs", "metric_relabel_configs", "target_limit", "basic_auth", "authorization", "oauth2",
        "bearer_token", "bearer_token_file", "tls_config", "proxy_url", "no_proxy", "proxy_from_environment",
        "proxy_connect_header", "follow_redirects", "enable_http2", "scrape_classic_histograms",
        "native_histogram_bucket_limit",
    };

    /// <summary>Whether <paramref name="key"/> of a scrape config is one of Prometheus's service discoveries.</summary>
    public static bool IsServiceDiscovery(string key) => key.EndsWith("_sd_configs", StringComparison.Ordinal);
}
