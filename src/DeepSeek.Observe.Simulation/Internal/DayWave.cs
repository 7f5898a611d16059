namespace DeepSeek.Observe.Simulation.Internal;

/// <summary>
/// A daily cycle <c>Mean + Amplitude·sin(ωt + Phase)</c> with ω = 2π/day, and its exact integral, so a counter
/// driven by it has a closed form at every step (no running sum: any step is computed alone, counters stay monotonic
/// while <c>Mean ≥ |Amplitude|</c>).
/// </summary>
internal readonly record struct DayWave(double Mean, double Amplitude, double Phase)
{
    public const double Omega = 2 * Math.PI / 86_400;

    public static DayWave Constant(double value) => new(value, 0, 0);

    /// <summary>Peaks at <paramref name="peakHourUtc"/> each day.</summary>
    public static DayWave PeakingAt(double mean, double amplitude, double peakHourUtc) =>
        new(mean, amplitude, (Math.PI / 2) - (Omega * peakHourUtc * 3600));

    /// <summary>The smallest value the wave takes.</summary>
    public double Minimum => Mean - Math.Abs(Amplitude);

    public double Value(double seconds) => Amplitude == 0 ? Mean : Mean + (Amplitude * Math.Sin((Omega * seconds) + Phase));

    /// <summary>∫ Value dt from <paramref name="from"/> to <paramref name="to"/> (seconds).</summary>
    public double Integral(double from, double to) => Amplitude == 0
        ? Mean * (to - from)
        : (Mean * (to - from)) - (Amplitude / Omega * (Math.Cos((Omega * to) + Phase) - Math.Cos((Omega * from) + Phase)));

    /// <summary>∫ Value² dt from <paramref name="from"/> to <paramref name="to"/> (seconds): what a rate that grows with the wave squared adds up to.</summary>
    public double SquareIntegral(double from, double to)
    {
        if (Amplitude == 0)
        {
            return Mean * Mean * (to - from);
        }

        // (M + A·sin θ)² = M² + A²/2 + 2MA·sin θ − (A²/2)·cos 2θ, integrated term by term.
        var thetaFrom = (Omega * from) + Phase;
        var thetaTo = (Omega * to) + Phase;
        return (((Mean * Mean) + (Amplitude * Amplitude / 2)) * (to - from))
            - (2 * Mean * Amplitude / Omega * (Math.Cos(thetaTo) - Math.Cos(thetaFrom)))
            - (Amplitude * Amplitude / (4 * Omega) * (Math.Sin(2 * thetaTo) - Math.Sin(2 * thetaFrom)));
    }

    public DayWave Scale(double factor) => new(Mean * factor, Amplitude * factor, Phase);
}
