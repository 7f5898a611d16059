namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// histogram_quantile over classic buckets, Prometheus 2.42's bucketQuantile: the engine groups the <c>_bucket</c>
/// series of one histogram (same labels except <c>le</c>) and passes their bounds and cumulative counts here.
/// </summary>
public static class HistogramQuantile
{
    /// <summary>
    /// Estimates the φ-quantile, reordering <paramref name="buckets"/> in place. NaN when the highest bucket is not
    /// +Inf, fewer than two distinct bounds remain, or nothing was observed; −Inf / +Inf for φ below 0 / above 1.
    /// </summary>
    public static double Compute(double phi, Span<HistogramBucket> buckets)
    {
        if (phi < 0)
        {
            return double.NegativeInfinity;
        }

        if (phi > 1)
        {
            return double.PositiveInfinity;
        }

        if (double.IsNaN(phi) || buckets.IsEmpty)
        {
            return double.NaN;
        }

        buckets.Sort(static (a, b) => a.UpperBound.CompareTo(b.UpperBound));
        if (!double.IsPositiveInfinity(buckets[^1].UpperBound))
        {
            return double.NaN;
        }

        buckets = Coalesce(buckets);
        EnsureMonotonic(buckets);
        if (buckets.Length < 2)
        {
            return double.NaN;
        }

        var observations = buckets[^1].Count;
        if (observations == 0)
        {
            return double.NaN;
        }

        var rank = phi * observations;
        var b = SearchRank(buckets[..^1], rank);

        if (b == buckets.Length - 1)
        {
            // Nothing is known above the highest finite bound: report that bound.
            return buckets[^2].UpperBound;
        }

        if (b == 0 && buckets[0].UpperBound <= 0)
        {
            // The lowest bucket has no known lower bound; when its upper bound is not positive, zero cannot serve.
            return buckets[0].UpperBound;
        }

        var bucketStart = 0.0;
        var bucketEnd = buckets[b].UpperBound;
        var count = buckets[b].Count;
        if (b > 0)
        {
            bucketStart = buckets[b - 1].UpperBound;
            count -= buckets[b - 1].Count;
            rank -= buckets[b - 1].Count;
        }

        return bucketStart + ((bucketEnd - bucketStart) * (rank / count));
    }

    /// <summary>
    /// The first bucket whose cumulative count reaches <paramref name="rank"/>, or the length when none does. A binary
    /// search like Go's sort.Search, not a scan, so that even NaN counts (which break monotonicity) pick the same
    /// bucket as Prometheus.
    /// </summary>
    private static int SearchRank(ReadOnlySpan<HistogramBucket> buckets, double rank)
    {
        int lo = 0, hi = buckets.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (buckets[mid].Count >= rank)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>Merges buckets with equal bounds (e.g. "1" and "1.0") by adding their counts.</summary>
    private static Span<HistogramBucket> Coalesce(Span<HistogramBucket> sorted)
    {
        var last = 0;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].UpperBound == sorted[last].UpperBound)
            {
                sorted[last] = sorted[last] with { Count = sorted[last].Count + sorted[i].Count };
            }
            else
            {
                sorted[++last] = sorted[i];
            }
        }

        return sorted[..(last + 1)];
    }

    /// <summary>
    /// Cumulative counts can decrease when bucket series are scraped at slightly different moments or rate()
    /// extrapolates them differently; raise each count to the running maximum so the search below stays valid.
    /// </summary>
    private static void EnsureMonotonic(Span<HistogramBucket> buckets)
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (buckets[i].Count > max)
            {
                max = buckets[i].Count;
            }
            else if (buckets[i].Count < max)
            {
                buckets[i] = buckets[i] with { Count = max };
            }
        }
    }
}
