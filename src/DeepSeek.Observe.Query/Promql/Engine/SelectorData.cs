using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;

namespace DeepSeek.Observe.Query.Promql.Engine;

/// <summary>One selected series read once for the whole query: all samples (staleness markers included) and, for range vectors, those without markers.</summary>
internal sealed class LoadedSeries(LabelSet labels, Sample[] raw)
{
    public LabelSet Labels { get; } = labels;

    public Sample[] Raw { get; } = raw;

    public Sample[] Clean { get; } = raw.Any(s => s.IsStaleMarker) ? raw.Where(s => !s.IsStaleMarker).ToArray() : raw;

    /// <summary>Index of the first sample at or after <paramref name="timestampMs"/>.</summary>
    public static int LowerBound(Sample[] samples, long timestampMs)
    {
        int lo = 0, hi = samples.Length;
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

    /// <summary>Samples with <c>from ≤ ts ≤ to</c> (closed, as in 2.42), markers dropped.</summary>
    public ArraySegment<Sample> Window(long from, long to)
    {
        var start = LowerBound(Clean, from);
        var end = LowerBound(Clean, to + 1);
        return new ArraySegment<Sample>(Clean, start, Math.Max(0, end - start));
    }
}

/// <summary>Reads each selector's series once, within the bounds on series and samples.</summary>
internal sealed class SelectorData(ISeriesQuerier querier, EngineLimits limits, CancellationToken cancellationToken)
{
    private long _samples;

    public List<LoadedSeries> Load(IReadOnlyList<LabelMatcher> matchers, long from, long to)
    {
        var series = querier.Series(matchers, from, to, limits.MaxSeries + 1);
        if (series.Count > limits.MaxSeries)
        {
            throw new PromqlExecutionException($"the query selects more than {limits.MaxSeries} series (Query:MaxSeries)");
        }

        var loaded = new List<LoadedSeries>(series.Count);
        foreach (var labels in series.Order(LabelSetComparer.Instance))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var samples = querier.Samples(labels, from, to);
            _samples += samples.Count;
            if (_samples > limits.MaxSamples)
            {
                throw new PromqlExecutionException(EngineLimits.TooManySamples);
            }

            loaded.Add(new LoadedSeries(labels, samples as Sample[] ?? [.. samples]));
        }

        return loaded;
    }
}
