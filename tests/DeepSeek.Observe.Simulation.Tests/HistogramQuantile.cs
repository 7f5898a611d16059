namespace DeepSeek.Observe.Simulation.Tests;

/// <summary>
/// PromQL's histogram_quantile over cumulative bucket counts (what the recording rule
/// <c>deployment:inference_request_duration_seconds:p99_5m</c> computes): find the bucket the rank falls in and
/// interpolate linearly inside it, from 0 for the first bucket; a rank in +Inf gives the highest finite bound.
/// </summary>
internal static class HistogramQuantile
{
    public static double Of(double q, IReadOnlyList<double> bounds, IReadOnlyList<double> cumulative)
    {
        var total = cumulative[^1];
        Assert.True(total > 0, "an empty histogram has no quantile");
        var rank = q * total;
        for (var i = 0; i < bounds.Count; i++)
        {
            if (cumulative[i] < rank)
            {
                continue;
            }

            if (double.IsPositiveInfinity(bounds[i]))
            {
                return bounds[i - 1];
            }

            var start = i == 0 ? 0 : bounds[i - 1];
            var before = i == 0 ? 0 : cumulative[i - 1];
            return start + ((bounds[i] - start) * (rank - before) / (cumulative[i] - before));
        }

        return bounds[^2];
    }

    /// <summary>
    /// The quantile of the requests <paramref name="pods"/> served in the five minutes (20 steps of 15 s) up to
    /// <paramref name="step"/>, their buckets summed by <c>le</c> as the recording rule does.
    /// </summary>
    public static double OverFiveMinutes(FleetGenerator generator, IEnumerable<FleetPod> pods, double q, long step)
    {
        var names = pods.Select(p => p.Name).ToHashSet();
        var bounds = SeriesCatalog.LatencyBuckets;
        var growth = new double[bounds.Count];
        var series = generator.Catalog.Series;
        for (var i = 0; i < series.Length; i++)
        {
            if (series[i].Kind == SignalKind.InferenceLatencyBucket && names.Contains(series[i].Labels["pod"]!))
            {
                var bucket = IndexOf(bounds, series[i].Parameter);
                growth[bucket] += generator.ValueAt(i, step) - generator.ValueAt(i, step - 20);
            }
        }

        return Of(q, bounds, growth);
    }

    private static int IndexOf(IReadOnlyList<double> bounds, double bound)
    {
        for (var i = 0; i < bounds.Count; i++)
        {
            if (bounds[i].Equals(bound))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(bound), bound, "not a bucket bound");
    }
}
