namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// Bending a counter without state: from the healthy values at the window's edges, so the result still never
/// decreases and still is a pure function of the step.
/// </summary>
public static class CounterEffects
{
    /// <summary>The counter grows at <paramref name="factor"/> × its healthy rate while <paramref name="window"/> is active (0 freezes it).</summary>
    public static double ScaleRate(in ConditionContext at, FaultWindow window, double healthy, double factor)
    {
        if (at.TimestampMs < window.StartMs)
        {
            return healthy;
        }

        var startStep = Math.Max(0, at.StepAt(window.StartMs));
        var atStart = at.HealthyAt(startStep);
        if (at.TimestampMs < window.EndMs)
        {
            return atStart + ((healthy - atStart) * factor);
        }

        var endStep = Math.Max(startStep, at.StepAt(window.EndMs - 1));
        var atEnd = at.HealthyAt(endStep);
        return atStart + ((atEnd - atStart) * factor) + (healthy - atEnd);
    }

    /// <summary><paramref name="healthy"/> plus <paramref name="perSecond"/> for every second the window has been active (whole counts).</summary>
    public static double Add(FaultWindow window, in ConditionContext at, double healthy, double perSecond) =>
        healthy + Math.Floor(perSecond * window.ElapsedSeconds(at.TimestampMs));

    /// <summary><paramref name="healthy"/> plus one every <paramref name="everySeconds"/> from the window's start (the first at the start).</summary>
    public static double AddEvery(FaultWindow window, in ConditionContext at, double healthy, double everySeconds) =>
        window.HasStarted(at.TimestampMs) ? healthy + 1 + Math.Floor(window.ElapsedSeconds(at.TimestampMs) / everySeconds) : healthy;
}
