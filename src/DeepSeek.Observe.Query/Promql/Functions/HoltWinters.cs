using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>holt_winters(v range, sf, tf): Prometheus 2.42's double exponential smoothing of a window's points.</summary>
public static class HoltWinters
{
    /// <summary>Both factors must lie strictly between 0 and 1 (NaN passes, as in Go); Prometheus fails the query otherwise.</summary>
    public static void Validate(double smoothing, double trend)
    {
        if (smoothing <= 0 || smoothing >= 1)
        {
            throw new PromqlFunctionException($"invalid smoothing factor. Expected: 0 < sf < 1, got: {smoothing.ToString("F6", CultureInfo.InvariantCulture)}");
        }

        if (trend <= 0 || trend >= 1)
        {
            throw new PromqlFunctionException($"invalid trend factor. Expected: 0 < tf < 1, got: {trend.ToString("F6", CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>The smoothed value after the last point; null (no sample) with fewer than two points.</summary>
    public static double? Compute(ReadOnlySpan<Sample> points, double smoothing, double trend)
    {
        if (points.Length < 2)
        {
            return null;
        }

        // The first trend estimate is the first difference; the level starts at the first point.
        double previous = 0, level = points[0].Value, slope = points[1].Value - points[0].Value;
        for (var i = 1; i < points.Length; i++)
        {
            if (i > 1)
            {
                slope = (trend * (level - previous)) + ((1 - trend) * slope);
            }

            var next = (smoothing * points[i].Value) + ((1 - smoothing) * (level + slope));
            (previous, level) = (level, next);
        }

        return level;
    }
}
