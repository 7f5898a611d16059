namespace DeepSeek.Observe.Scrape.Internal.Exposition;

/// <summary>Content negotiation with an exporter, as Prometheus does it.</summary>
internal static class ExpositionContentType
{
    /// <summary>OpenMetrics preferred, the classic text format next, anything else last (then parsed as text).</summary>
    public const string Accept = "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    /// <summary>The parser for a response's media type; like Prometheus, anything unrecognised is read as text 0.0.4.</summary>
    public static ExpositionFormat FromMediaType(string? mediaType) =>
        string.Equals(mediaType, "application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
            ? ExpositionFormat.OpenMetrics
            : ExpositionFormat.PrometheusText;
}
