namespace DeepSeek.Observe.Core.Series;

/// <summary>Samples of one series, in time order, as a receiver hands them to the store.</summary>
public sealed record SeriesSamples(LabelSet Labels, IReadOnlyList<Sample> Samples);
