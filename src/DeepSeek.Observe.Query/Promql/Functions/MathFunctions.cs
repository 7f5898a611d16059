namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>The element-wise math functions of PromQL, applied to one sample value.</summary>
public static class MathFunctions
{
    public static double Abs(double v) => Math.Abs(v);

    public static double Ceil(double v) => Math.Ceiling(v);

    public static double Floor(double v) => Math.Floor(v);

    public static double Exp(double v) => GoExp.Exp(v);

    public static double Ln(double v) => GoMath.Log(v);

    public static double Log2(double v) => GoMath.Log2(v);

    public static double Log10(double v) => GoMath.Log10(v);

    public static double Sqrt(double v) => Math.Sqrt(v);

    /// <summary>−1, 1, or the value itself for ±0 and NaN.</summary>
    public static double Sgn(double v) => v < 0 ? -1 : v > 0 ? 1 : v;

    /// <summary>
    /// round(v, to_nearest): floor(v / to_nearest + 0.5) × to_nearest, computed through the reciprocal as Prometheus
    /// does — ties round up (towards +Inf), so round(-2.5) is -2, unlike banker's rounding or Math.Round.
    /// </summary>
    public static double Round(double v, double toNearest = 1)
    {
        var inverse = 1.0 / toNearest;
        return Math.Floor((v * inverse) + 0.5) / inverse;
    }

    /// <summary>
    /// clamp(v, min, max). Callers drop every sample when <paramref name="max"/> &lt; <paramref name="min"/>
    /// (<see cref="ClampDropsAll"/>); NaN inputs propagate as Go's math.Max/Min propagate them.
    /// </summary>
    public static double Clamp(double v, double min, double max) => Math.Max(min, Math.Min(max, v));

    /// <summary>Whether clamp() returns an empty vector for these bounds.</summary>
    public static bool ClampDropsAll(double min, double max) => max < min;

    public static double ClampMin(double v, double min) => Math.Max(min, v);

    public static double ClampMax(double v, double max) => Math.Min(max, v);
}
