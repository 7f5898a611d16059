namespace DeepSeek.Observe.Detection.Series;

/// <summary>
/// A streaming detector of one series: fed its points in time order, it answers each with a score in [0, 1] that uses
/// only the points up to and including that one. State is bounded whatever the length of the series.
/// </summary>
public interface ISeriesDetector
{
    /// <summary>The detector's name, as in <see cref="Core.Anomaly.Detector"/>.</summary>
    string Name { get; }

    /// <summary>Adds the point at <paramref name="timestampMs"/> (Unix ms) and returns its anomaly score in [0, 1].</summary>
    double Update(long timestampMs, double value);
}
