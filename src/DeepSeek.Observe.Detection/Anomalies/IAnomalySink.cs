using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Detection.Anomalies;

/// <summary>Where detectors report their findings: the anomaly store, the bus and the exported score series.</summary>
public interface IAnomalySink
{
    ValueTask PublishAsync(IReadOnlyList<Anomaly> anomalies, CancellationToken cancellationToken);
}
