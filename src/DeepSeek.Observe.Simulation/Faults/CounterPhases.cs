namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A counter whose rate changes more than once during a fault (a job that slows, then hangs; that stops at every
/// checkpoint): like <see cref="CounterEffects.ScaleRate"/>, from healthy values at each phase's edges, so the result
/// never decreases and stays a pure function of the step.
/// </summary>
public static class CounterPhases
{
    /// <summary>
    /// <paramref name="healthy"/>, grown at <c>Factor</c> × its healthy rate from each phase's start to the next one's
    /// (the last phase ends at <paramref name="endMs"/>) and at its healthy rate before and after. Phases are in time order.
    /// </summary>
    public static double Scale(in ConditionContext at, double healthy, IReadOnlyList<RatePhase> phases, long endMs)
    {
        if (phases.Count == 0 || at.TimestampMs < phases[0].StartMs)
        {
            return healthy;
        }

        var value = Anchor(in at, phases[0].StartMs);
        for (var i = 0; i < phases.Count; i++)
        {
            var from = phases[i].StartMs;
            var to = i + 1 < phases.Count ? phases[i + 1].StartMs : endMs;
            if (at.TimestampMs < to)
            {
                return value + ((healthy - Anchor(in at, from)) * phases[i].Factor);
            }

            value += (Anchor(in at, to) - Anchor(in at, from)) * phases[i].Factor;
        }

        return value + (healthy - Anchor(in at, endMs));
    }

    // Every edge is anchored at the healthy value of the last step at or before it, so each phase's share is never negative.
    private static double Anchor(in ConditionContext at, long timestampMs) => at.HealthyAt(Math.Max(0, at.StepAt(timestampMs)));
}

/// <summary>From <see cref="StartMs"/>, a counter grows at <see cref="Factor"/> × its healthy rate (0 freezes it).</summary>
public readonly record struct RatePhase(long StartMs, double Factor);
