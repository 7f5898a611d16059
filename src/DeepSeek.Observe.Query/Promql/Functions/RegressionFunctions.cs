using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>deriv and predict_linear: an ordinary least-squares line through the points, as Prometheus 2.42 fits it.</summary>
public static class RegressionFunctions
{
    /// <summary>The per-second slope; the intercept is taken at the first point's time, as Prometheus does.</summary>
    public static double? Deriv(ReadOnlySpan<Sample> points)
    {
        if (points.Length < 2)
        {
            return null;
        }

        return LinearRegression(points, points[0].TimestampMs).Slope;
    }

    /// <summary>
    /// The fitted value <paramref name="durationSeconds"/> after <paramref name="evaluationTimeMs"/> (the step time,
    /// not the window end: an offset shifts the window but not the intercept).
    /// </summary>
    public static double? PredictLinear(ReadOnlySpan<Sample> points, long evaluationTimeMs, double durationSeconds)
    {
        if (points.Length < 2)
        {
            return null;
        }

        var (slope, intercept) = LinearRegression(points, evaluationTimeMs);
        return (slope * durationSeconds) + intercept;
    }

    /// <summary>
    /// Least squares with x in seconds relative to <paramref name="interceptTimeMs"/>, compensated sums, and
    /// Prometheus's special case for a constant series (slope 0 — or NaN when the constant is infinite — instead
    /// of the 0/0 the formula would give through rounding noise).
    /// </summary>
    internal static (double Slope, double Intercept) LinearRegression(ReadOnlySpan<Sample> points, long interceptTimeMs)
    {
        var initialY = points[0].Value;
        var constantY = true;
        double n = 0;
        KahanSum sumX = default, sumY = default, sumXY = default, sumX2 = default;
        for (var i = 0; i < points.Length; i++)
        {
            var y = points[i].Value;
            if (constantY && i > 0 && y != initialY)
            {
                constantY = false;
            }

            n++;
            var x = (points[i].TimestampMs - interceptTimeMs) / 1e3;
            sumX.Add(x);
            sumY.Add(y);
            sumXY.Add(x * y);
            sumX2.Add(x * x);
        }

        if (constantY)
        {
            return double.IsInfinity(initialY) ? (double.NaN, double.NaN) : (0, initialY);
        }

        var sx = sumX.Compensated;
        var sy = sumY.Compensated;
        var covXY = sumXY.Compensated - (sx * sy / n);
        var varX = sumX2.Compensated - (sx * sx / n);
        var slope = covXY / varX;
        var intercept = (sy / n) - (slope * sx / n);
        return (slope, intercept);
    }
}
