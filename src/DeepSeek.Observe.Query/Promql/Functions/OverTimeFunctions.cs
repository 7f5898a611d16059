using System.Buffers;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// The <c>*_over_time</c> family over one series' points in a window. Every function returns null for no points
/// (Prometheus emits nothing); with points, the arithmetic follows 2.42 operation for operation.
/// </summary>
public static class OverTimeFunctions
{
    // quantile_over_time copies the values to sort them; windows up to this size use the stack (8 KiB).
    private const int StackValues = 1024;

    public static double? Count(ReadOnlySpan<Sample> points) => points.IsEmpty ? null : points.Length;

    public static double? Present(ReadOnlySpan<Sample> points) => points.IsEmpty ? null : 1;

    /// <summary>The last value. Note for the engine: 2.42 keeps the metric name on last_over_time's output, unlike every other function here.</summary>
    public static double? Last(ReadOnlySpan<Sample> points) => points.IsEmpty ? null : points[^1].Value;

    /// <summary>Compensated sum (an infinite running sum is returned without its NaN-prone compensation).</summary>
    public static double? Sum(ReadOnlySpan<Sample> points)
    {
        if (points.IsEmpty)
        {
            return null;
        }

        KahanSum sum = default;
        foreach (var point in points)
        {
            sum.Add(point.Value);
        }

        return sum.Value;
    }

    /// <summary>
    /// Incremental mean, compensated, dividing each term by the count so large values cannot overflow the sum.
    /// Once the mean is infinite it stays so unless a NaN or an opposite infinity arrives.
    /// </summary>
    public static double? Avg(ReadOnlySpan<Sample> points)
    {
        if (points.IsEmpty)
        {
            return null;
        }

        KahanSum mean = default;
        double count = 0;
        foreach (var point in points)
        {
            count++;
            var v = point.Value;
            if (double.IsInfinity(mean.Raw))
            {
                if (double.IsInfinity(v) && (mean.Raw > 0) == (v > 0))
                {
                    continue;
                }

                if (!double.IsInfinity(v) && !double.IsNaN(v))
                {
                    continue;
                }
            }

            mean.Add((v / count) - (mean.Raw / count));
        }

        return mean.Value;
    }

    /// <summary>Minimum; a NaN is replaced by any later value, so NaN is the result only when all points are NaN.</summary>
    public static double? Min(ReadOnlySpan<Sample> points)
    {
        if (points.IsEmpty)
        {
            return null;
        }

        var min = points[0].Value;
        foreach (var point in points)
        {
            if (point.Value < min || double.IsNaN(min))
            {
                min = point.Value;
            }
        }

        return min;
    }

    /// <summary>Maximum, with the same NaN rule as <see cref="Min"/>.</summary>
    public static double? Max(ReadOnlySpan<Sample> points)
    {
        if (points.IsEmpty)
        {
            return null;
        }

        var max = points[0].Value;
        foreach (var point in points)
        {
            if (point.Value > max || double.IsNaN(max))
            {
                max = point.Value;
            }
        }

        return max;
    }

    /// <summary>Population variance by Welford's method with compensated mean and sum of squares.</summary>
    public static double? StdVar(ReadOnlySpan<Sample> points)
    {
        if (points.IsEmpty)
        {
            return null;
        }

        double count = 0;
        KahanSum mean = default, aux = default;
        foreach (var point in points)
        {
            count++;
            var delta = point.Value - mean.Compensated;
            mean.Add(delta / count);
            aux.Add(delta * (point.Value - mean.Compensated));
        }

        return aux.Compensated / count;
    }

    public static double? StdDev(ReadOnlySpan<Sample> points) =>
        StdVar(points) is { } variance ? Math.Sqrt(variance) : null;

    /// <summary>The φ-quantile of the values (see <see cref="Quantile"/>).</summary>
    public static double? QuantileOverTime(double phi, ReadOnlySpan<Sample> points)
    {
        if (points.IsEmpty)
        {
            return null;
        }

        double[]? rented = null;
        var values = points.Length <= StackValues
            ? stackalloc double[points.Length]
            : (rented = ArrayPool<double>.Shared.Rent(points.Length)).AsSpan(0, points.Length);
        try
        {
            for (var i = 0; i < points.Length; i++)
            {
                values[i] = points[i].Value;
            }

            return Quantile.Compute(phi, values);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>timestamp(): a sample's own time in seconds (the engine passes the selected sample's timestamp).</summary>
    public static double Timestamp(long timestampMs) => timestampMs / 1000.0;
}
