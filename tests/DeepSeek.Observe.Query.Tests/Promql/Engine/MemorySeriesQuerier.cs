using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Query.Tests.Promql.Engine;

/// <summary>An in-memory store for engine tests: series and their samples, read as the real store is.</summary>
internal sealed class MemorySeriesQuerier : ISeriesQuerier
{
    private readonly Dictionary<LabelSet, List<Sample>> _series = [];

    public int SampleReads { get; private set; }

    public static LabelSet Labels(params string[] pairs)
    {
        var labels = new Label[pairs.Length / 2];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = new Label(pairs[2 * i], pairs[(2 * i) + 1]);
        }

        return LabelSet.Create(labels);
    }

    /// <summary>Adds samples at <paramref name="startSeconds"/>, every <paramref name="stepSeconds"/>.</summary>
    public MemorySeriesQuerier Add(LabelSet labels, long startSeconds, long stepSeconds, params double[] values)
    {
        if (!_series.TryGetValue(labels, out var samples))
        {
            _series[labels] = samples = [];
        }

        for (var i = 0; i < values.Length; i++)
        {
            samples.Add(new Sample((startSeconds + (i * stepSeconds)) * 1000, values[i]));
        }

        samples.Sort((a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
        return this;
    }

    public IReadOnlyList<LabelSet> Series(IReadOnlyList<LabelMatcher> matchers, long startMs, long endMs, int limit) =>
        _series
            .Where(s => matchers.All(m => m.Matches(s.Key)) && s.Value.Any(p => p.TimestampMs >= startMs && p.TimestampMs <= endMs))
            .Select(s => s.Key)
            .Take(limit)
            .ToList();

    public IReadOnlyList<Sample> Samples(LabelSet series, long startMs, long endMs)
    {
        SampleReads++;
        return _series[series].Where(p => p.TimestampMs >= startMs && p.TimestampMs <= endMs).ToList();
    }
}
