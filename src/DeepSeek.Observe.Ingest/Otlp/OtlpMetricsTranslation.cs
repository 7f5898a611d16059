using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Ingest.Otlp;

/// <summary>The series an OTLP metrics request maps to, and the data points that could not be mapped, with why.</summary>
public sealed record OtlpMetricsTranslation(IReadOnlyList<SeriesSamples> Series, long RejectedDataPoints, string? ErrorMessage);
