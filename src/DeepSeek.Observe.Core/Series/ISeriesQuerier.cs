namespace DeepSeek.Observe.Core.Series;

/// <summary>Reads series metadata and samples from the store, for the series API and the query engine.</summary>
public interface ISeriesQuerier
{
    /// <summary>Series matching every matcher that have at least one sample in [<paramref name="startMs"/>, <paramref name="endMs"/>].</summary>
    IReadOnlyList<LabelSet> Series(IReadOnlyList<LabelMatcher> matchers, long startMs, long endMs, int limit);

    /// <summary>Samples of one series in [<paramref name="startMs"/>, <paramref name="endMs"/>], in time order.</summary>
    IReadOnlyList<Sample> Samples(LabelSet series, long startMs, long endMs);
}
