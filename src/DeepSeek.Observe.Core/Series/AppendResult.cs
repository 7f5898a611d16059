namespace DeepSeek.Observe.Core.Series;

/// <summary>What an accepted write did.</summary>
/// <param name="SamplesAppended">Samples now stored.</param>
/// <param name="DuplicatesDropped">Exact repeats (same timestamp and value) of stored samples, dropped as Prometheus does.</param>
/// <param name="SeriesCreated">Series seen for the first time.</param>
public readonly record struct AppendResult(int SamplesAppended, int DuplicatesDropped, int SeriesCreated);
