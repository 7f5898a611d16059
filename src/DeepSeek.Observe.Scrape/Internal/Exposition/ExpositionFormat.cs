namespace DeepSeek.Observe.Scrape.Internal.Exposition;

/// <summary>The text formats a scrape can receive, chosen by the response's Content-Type.</summary>
internal enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4 (<c>text/plain; version=0.0.4</c>), also the fallback for unknown types.</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0 text (<c>application/openmetrics-text</c>): strict spacing, <c># EOF</c> required.</summary>
    OpenMetrics,
}
