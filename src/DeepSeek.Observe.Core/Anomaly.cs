namespace DeepSeek.Observe.Core;

/// <summary>
/// A detector's finding on one series or entity: how unusual the window was, on a calibrated 0..1 score.
/// </summary>
/// <param name="Entity">The entity the finding is about.</param>
/// <param name="Layer">The layer of the series that was scored.</param>
/// <param name="Series">The series that was scored; empty for entity-level (multivariate, peer-group) detectors.</param>
/// <param name="Detector">The detector's name, e.g. <c>spectral_residual</c> or <c>peer_group</c>.</param>
/// <param name="Score">Calibrated score in [0, 1]; higher is more anomalous.</param>
/// <param name="WindowStart">Start of the window the score covers.</param>
/// <param name="WindowEnd">End of the window; the score uses only data up to here.</param>
public sealed record Anomaly(
    EntityId Entity,
    Layer Layer,
    LabelSet Series,
    string Detector,
    double Score,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd)
{
    /// <summary>Checks the invariants a consumer relies on; throws <see cref="ArgumentException"/> when broken.</summary>
    public Anomaly Validate()
    {
        if (double.IsNaN(Score) || Score is < 0 or > 1)
        {
            throw new ArgumentException($"Anomaly score must be in [0, 1], not {Score}.");
        }

        if (WindowEnd < WindowStart)
        {
            throw new ArgumentException("Anomaly window ends before it starts.");
        }

        if (string.IsNullOrWhiteSpace(Detector))
        {
            throw new ArgumentException("Anomaly detector name is required.");
        }

        return this;
    }
}
