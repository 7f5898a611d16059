using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Ingest.RemoteWrite;

/// <summary>A decoded remote_write 1.0 <c>WriteRequest</c>: its series and its metric metadata.</summary>
public sealed record RemoteWriteRequest(IReadOnlyList<SeriesSamples> Series, IReadOnlyList<MetricMetadata> Metadata);
