namespace DeepSeek.Observe.Core.Series;

/// <summary>
/// What an exposition or a sender says about one metric family: its type, <c># HELP</c> text and <c># UNIT</c>.
/// Prometheus keys metadata by family name (<c>http_request_duration_seconds</c>, not its <c>_bucket</c> series).
/// </summary>
public sealed record MetricMetadata(string FamilyName, MetricType Type, string Help, string Unit);
