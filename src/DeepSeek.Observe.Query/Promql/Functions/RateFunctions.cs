using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Query.Promql.Functions;

/// <summary>
/// rate, increase, delta, irate and idelta over one series' points in a <see cref="RangeWindow"/> (see its selection
/// contract). A null result means Prometheus emits no sample for the series at this step.
/// </summary>
public static class RateFunctions
{
    // "Close enough to extrapolate to the window edge" is up to 10% more than the average sample spacing.
    private const double ExtrapolationThresholdFactor = 1.1;

    public static double? Rate(ReadOnlySpan<Sample> points, RangeWindow window) =>
        ExtrapolatedRate(points, window, isCounter: true, isRate: true);

    public static double? Increase(ReadOnlySpan<Sample> points, RangeWindow window) =>
        ExtrapolatedRate(points, window, isCounter: true, isRate: false);

    public static double? Delta(ReadOnlySpan<Sample> points, RangeWindow window) =>
        ExtrapolatedRate(points, window, isCounter: false, isRate: false);

    /// <summary>Per-second rate between the last two points; a drop counts as a reset from zero.</summary>
    public static double? IRate(ReadOnlySpan<Sample> points) => InstantValue(points, isRate: true);

    /// <summary>Difference between the last two points.</summary>
    public static double? IDelta(ReadOnlySpan<Sample> points) => InstantValue(points, isRate: false);

    /// <summary>
    /// Prometheus 2.42's extrapolatedRate. Order matters for bit-exact results: the counter's zero point limits
    /// the start extrapolation <em>before</em> the 1.1× threshold test (later Prometheus versions swapped this),
    /// and the range divides the extrapolation factor, not the value (one ulp apart otherwise).
    /// </summary>
    private static double? ExtrapolatedRate(ReadOnlySpan<Sample> points, RangeWindow window, bool isCounter, bool isRate)
    {
        if (points.Length < 2)
        {
            return null;
        }

        var first = points[0];
        var last = points[^1];
        var result = last.Value - first.Value;
        if (isCounter)
        {
            // Each drop is a reset: the counter restarted from zero, so the value before the drop was all gained.
            var previous = 0.0;
            foreach (var point in points)
            {
                if (point.Value < previous)
                {
                    result += previous;
                }

                previous = point.Value;
            }
        }

        var durationToStart = (first.TimestampMs - window.StartMs) / 1000.0;
        var durationToEnd = (window.EndMs - last.TimestampMs) / 1000.0;
        var sampledInterval = (last.TimestampMs - first.TimestampMs) / 1000.0;
        var averageInterval = sampledInterval / (points.Length - 1);

        if (isCounter && result > 0 && first.Value >= 0)
        {
            // A counter cannot go below zero: don't extrapolate further back than where the slope reaches it.
            var durationToZero = sampledInterval * (first.Value / result);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
            }
        }

        var threshold = averageInterval * ExtrapolationThresholdFactor;
        var extrapolated = sampledInterval;
        // Beyond the threshold the series probably starts/ends inside the window: extrapolate half a spacing only.
        extrapolated += durationToStart < threshold ? durationToStart : averageInterval / 2;
        extrapolated += durationToEnd < threshold ? durationToEnd : averageInterval / 2;

        var factor = extrapolated / sampledInterval;
        if (isRate)
        {
            factor /= window.RangeSeconds;
        }

        return result * factor;
    }

    private static double? InstantValue(ReadOnlySpan<Sample> points, bool isRate)
    {
        if (points.Length < 2)
        {
            return null;
        }

        var last = points[^1];
        var previous = points[^2];
        var result = isRate && last.Value < previous.Value ? last.Value : last.Value - previous.Value;
        var intervalMs = last.TimestampMs - previous.TimestampMs;
        if (intervalMs == 0)
        {
            return null;
        }

        return isRate ? result / (intervalMs / 1000.0) : result;
    }
}
