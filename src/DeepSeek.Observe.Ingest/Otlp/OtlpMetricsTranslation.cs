using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Ingest.Otlp;

/// <summary>
/// The series an OTLP metrics request maps to, the data points that could not be mapped (with why), and the metadata
/// (type, description, unit) of the metric families it maps to.
/// </summary>
public sealed record OtlpMetricsTranslation(IReadOnlyList<SeriesSamples> Series, long RejectedDataPoints, string? ErrorMessage)
{
    public IReadOnlyList<MetricMetadata> Metadata { get; init; } = [];
}
