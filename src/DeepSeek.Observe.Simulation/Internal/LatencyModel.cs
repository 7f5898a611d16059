namespace DeepSeek.Observe.Simulation.Internal;

/// <summary>
/// How long a serving pod takes per request: short chat completions, so a log-normal around a 140–210 ms median
/// (P99 about 2.4 × the median). Load makes it slower the way batching does: at load <c>l</c> a share
/// <see cref="BusyShare"/>(l) of the requests lands in a busy batch whose median is <see cref="BusySlowdown"/> × the
/// quiet one. That share is linear in the load, so the busy requests' counter, ∫ rate·share dt, is ∫ load² dt and has
/// a closed form (<see cref="DayWave.SquareIntegral"/>); the histogram is a mix of two fixed distributions, and
/// buckets stay cumulative at every step. A healthy P99 stays under 0.75 s at the daily peak.
/// </summary>
internal static class LatencyModel
{
    /// <summary>Spread of ln(latency) of one pod.</summary>
    public const double Sigma = 0.38;

    /// <summary>A busy batch's median over a quiet one's.</summary>
    public const double BusySlowdown = 1.3;

    // At full load half of the requests share a busy batch. Staying at or under a half keeps the quiet requests'
    // counter growing by more than its telescoping noise can take back (FleetGenerator.Counter).
    private const double BusyShareAtFullLoad = 0.5;

    // A runaway generation (no end-of-sequence token, so it runs to max_tokens) takes about this long.
    private const double RunawayMedianSeconds = 2.4;
    private const double RunawaySigma = 0.25;

    /// <summary>Share of requests in a busy batch at <paramref name="load"/> in [0, 1].</summary>
    public static double BusyShare(double load) => BusyShareAtFullLoad * load;

    /// <summary>∫ rate · <see cref="BusyShare"/> dt for a rate of <paramref name="peakQps"/> × <paramref name="load"/>.</summary>
    public static double BusyRequests(DayWave load, double peakQps, double from, double to) =>
        BusyShareAtFullLoad * peakQps * load.SquareIntegral(from, to);

    /// <summary>Share of a log-normal latency with median <paramref name="median"/> at or under <paramref name="bound"/> seconds.</summary>
    public static double Share(double median, double bound, double sigma = Sigma) =>
        double.IsPositiveInfinity(bound) ? 1 : NormalCdf((Math.Log(bound) - Math.Log(median)) / sigma);

    /// <summary>Mean of a log-normal latency with median <paramref name="median"/>.</summary>
    public static double Mean(double median, double sigma = Sigma) => median * Math.Exp(sigma * sigma / 2);

    /// <summary>Share of runaway generations at or under <paramref name="bound"/> seconds.</summary>
    public static double RunawayShare(double bound) => Share(RunawayMedianSeconds, bound, RunawaySigma);

    /// <summary>Mean length of a runaway generation (seconds).</summary>
    public static double RunawayMean => Mean(RunawayMedianSeconds, RunawaySigma);

    // Φ(x) via erf, Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7), monotonic in x.
    private static double NormalCdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + (0.3275911 * z));
        var poly = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        var erf = 1 - (poly * Math.Exp(-z * z));
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
