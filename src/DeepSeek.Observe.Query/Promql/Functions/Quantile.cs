namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// The φ-quantile shared by quantile_over_time and the quantile aggregation: linear interpolation between the two
/// nearest ranks of the sorted values (rank φ·(n−1)), −Inf for φ &lt; 0, +Inf for φ &gt; 1, NaN for no values.
/// </summary>
public static class Quantile
{
    /// <summary>Computes the quantile, sorting <paramref name="values"/> in place (NaNs first, as Prometheus orders them).</summary>
    public static double Compute(double phi, Span<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        if (phi < 0)
        {
            return double.NegativeInfinity;
        }

        if (phi > 1)
        {
            return double.PositiveInfinity;
        }

        if (double.IsNaN(phi))
        {
            return double.NaN;
        }

        // double's IComparable puts NaN first, the same order as Prometheus's vectorByValueHeap; equal values are
        // interchangeable, so sort stability does not matter.
        values.Sort();
        var n = (double)values.Length;
        var rank = phi * (n - 1);
        var lowerIndex = Math.Max(0, Math.Floor(rank));
        var upperIndex = Math.Min(n - 1, lowerIndex + 1);
        var weight = rank - Math.Floor(rank);
        return (values[(int)lowerIndex] * (1 - weight)) + (values[(int)upperIndex] * weight);
    }
}
