using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Alerting.Tests.Rules.Evaluation;

/// <summary>A store for rule tests: appended samples are readable at once, as the real store's are.</summary>
internal sealed class MemoryStore : ISampleAppender, ISeriesQuerier
{
    private readonly Dictionary<LabelSet, List<Sample>> _series = [];

    public static LabelSet Labels(params string[] pairs) =>
        LabelSet.Create(Enumerable.Range(0, pairs.Length / 2).Select(i => KeyValuePair.Create(pairs[2 * i], pairs[(2 * i) + 1])));

    /// <summary>Tests count seconds from this instant (a realistic epoch, not 1970).</summary>
    public const long BaseSeconds = 1_800_000_000;

    /// <summary>Adds a sample every 15 s in [<paramref name="fromSeconds"/>, <paramref name="toSeconds"/>] after <see cref="BaseSeconds"/>.</summary>
    public MemoryStore Fill(LabelSet labels, long fromSeconds, long toSeconds, double value)
    {
        for (var t = fromSeconds; t <= toSeconds; t += 15)
        {
            Add(labels, new Sample((BaseSeconds + t) * 1000, value));
        }

        return this;
    }

    public ValueTask<AppendResult> AppendAsync(IReadOnlyList<SeriesSamples> batch, CancellationToken cancellationToken)
    {
        foreach (var series in batch)
        {
            foreach (var sample in series.Samples)
            {
                Add(series.Labels, sample);
            }
        }

        return ValueTask.FromResult(new AppendResult(batch.Sum(s => s.Samples.Count), 0, 0));
    }

    public IReadOnlyList<Sample> Last(LabelSet labels) => _series.TryGetValue(labels, out var samples) ? samples : [];

    public IReadOnlyList<LabelSet> Series(IReadOnlyList<LabelMatcher> matchers, long startMs, long endMs, int limit) =>
        _series.Where(s => matchers.All(m => m.Matches(s.Key)) && s.Value.Any(p => p.TimestampMs >= startMs && p.TimestampMs <= endMs))
            .Select(s => s.Key).Take(limit).ToList();

    public IReadOnlyList<Sample> Samples(LabelSet series, long startMs, long endMs) =>
        _series.TryGetValue(series, out var samples) ? samples.Where(p => p.TimestampMs >= startMs && p.TimestampMs <= endMs).ToList() : [];

    private void Add(LabelSet labels, Sample sample)
    {
        if (!_series.TryGetValue(labels, out var samples))
        {
            _series[labels] = samples = [];
        }

        samples.RemoveAll(s => s.TimestampMs == sample.TimestampMs);
        samples.Add(sample);
        samples.Sort((a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
    }
}
