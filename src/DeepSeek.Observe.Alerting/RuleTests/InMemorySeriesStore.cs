using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// A small series store in memory for rule unit tests: the input series are appended into it, and so are the outputs
/// of recording rules and ALERTS as the runner evaluates, so the evaluator reads everything through
/// <see cref="ISeriesQuerier"/> as it reads the real store. Follows the store's contract (a batch is stored whole or
/// not at all; out-of-order samples and a second value at the same timestamp are refused; an identical repeat is
/// dropped and counted) and is bounded by series and samples, refusing with <see cref="AppendRejection.LimitExceeded"/>.
/// Thread-safe; one instance per test group.
/// </summary>
public sealed class InMemorySeriesStore : ISeriesQuerier, ISampleAppender
{
    /// <summary>Defaults sized for hand-written tests: far above any real one, far below trouble.</summary>
    public const int DefaultMaxSeries = 100_000;
    public const int DefaultMaxSamples = 10_000_000;

    private readonly Dictionary<LabelSet, List<Sample>> _series = [];
    private readonly Lock _lock = new();
    private readonly int _maxSeries;
    private readonly int _maxSamples;
    private int _samples;

    public InMemorySeriesStore(int maxSeries = DefaultMaxSeries, int maxSamples = DefaultMaxSamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSeries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSamples);
        _maxSeries = maxSeries;
        _maxSamples = maxSamples;
    }

    public int SeriesCount
    {
        get
        {
            lock (_lock)
            {
                return _series.Count;
            }
        }
    }

    public int SampleCount
    {
        get
        {
            lock (_lock)
            {
                return _samples;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(IReadOnlyList<SeriesSamples> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            // Validate the whole batch against a view of the newest sample per series, then apply: all or nothing.
            var newest = new Dictionary<LabelSet, Sample?>();
            var plan = new List<(LabelSet Series, Sample Sample)>();
            var duplicates = 0;
            foreach (var entry in batch)
            {
                if (!newest.TryGetValue(entry.Labels, out var last))
                {
                    last = _series.TryGetValue(entry.Labels, out var existing) && existing.Count > 0 ? existing[^1] : null;
                }

                foreach (var sample in entry.Samples)
                {
                    if (last is { } previous && sample.TimestampMs <= previous.TimestampMs)
                    {
                        if (sample.TimestampMs == previous.TimestampMs && BitConverter.DoubleToUInt64Bits(sample.Value) == BitConverter.DoubleToUInt64Bits(previous.Value))
                        {
                            duplicates++;
                            continue;
                        }

                        throw sample.TimestampMs == previous.TimestampMs
                            ? new AppendRejectedException(AppendRejection.DuplicateTimestamp, $"duplicate sample for timestamp {sample.TimestampMs} of {entry.Labels}")
                            : new AppendRejectedException(AppendRejection.OutOfOrder, $"out of order sample at {sample.TimestampMs} for {entry.Labels}");
                    }

                    plan.Add((entry.Labels, sample));
                    last = sample;
                }

                newest[entry.Labels] = last;
            }

            var created = plan.Select(p => p.Series).Distinct().Count(s => !_series.ContainsKey(s));
            if (_series.Count + created > _maxSeries)
            {
                throw new AppendRejectedException(AppendRejection.LimitExceeded, $"series limit of {_maxSeries} reached");
            }

            if (_samples + plan.Count > _maxSamples)
            {
                throw new AppendRejectedException(AppendRejection.LimitExceeded, $"sample limit of {_maxSamples} reached");
            }

            foreach (var (series, sample) in plan)
            {
                if (!_series.TryGetValue(series, out var samples))
                {
                    _series[series] = samples = [];
                }

                samples.Add(sample);
            }

            _samples += plan.Count;
            return ValueTask.FromResult(new AppendResult(plan.Count, duplicates, created));
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<LabelSet> Series(IReadOnlyList<LabelMatcher> matchers, long startMs, long endMs, int limit)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        lock (_lock)
        {
            return _series
                .Where(s => matchers.All(m => m.Matches(s.Key)) && HasSampleIn(s.Value, startMs, endMs))
                .Select(s => s.Key)
                .Order(LabelSetComparer.Instance)
                .Take(Math.Max(0, limit))
                .ToList();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<Sample> Samples(LabelSet series, long startMs, long endMs)
    {
        ArgumentNullException.ThrowIfNull(series);
        lock (_lock)
        {
            if (!_series.TryGetValue(series, out var samples))
            {
                return [];
            }

            var from = LowerBound(samples, startMs);
            var to = LowerBound(samples, endMs == long.MaxValue ? endMs : endMs + 1);
            return samples.GetRange(from, to - from);
        }
    }

    private static bool HasSampleIn(List<Sample> samples, long startMs, long endMs)
    {
        var first = LowerBound(samples, startMs);
        return first < samples.Count && samples[first].TimestampMs <= endMs;
    }

    // The index of the first sample at or after timestampMs (samples are kept in time order).
    private static int LowerBound(List<Sample> samples, long timestampMs)
    {
        int lo = 0, hi = samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (samples[mid].TimestampMs < timestampMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
