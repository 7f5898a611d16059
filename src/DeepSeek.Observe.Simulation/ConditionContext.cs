namespace DeepSeek.Observe.Simulation;

/// <summary>
/// Where a condition is applied: the step and its time, and the healthy value of the same series at any other step.
/// Values stay pure functions of (seed, series, step), so a condition that bends a counter (slows its rate, freezes
/// it) works from healthy values at the fault's edges rather than from remembered state.
/// </summary>
public readonly struct ConditionContext
{
    private readonly FleetGenerator _generator;
    private readonly int _series;

    internal ConditionContext(FleetGenerator generator, int series, long step)
    {
        _generator = generator;
        _series = series;
        Step = step;
        TimestampMs = generator.Time.TimestampMs(step);
    }

    public long Step { get; }

    public long TimestampMs { get; }

    public SimulationTime Time => _generator.Time;

    /// <summary>The generator, for conditions that recompute a value under other inputs (a shifted latency, a higher load).</summary>
    internal FleetGenerator Generator => _generator;

    /// <summary>The series' healthy value at <paramref name="step"/> (no condition applied).</summary>
    public double HealthyAt(long step) => _generator.HealthyValue(_series, step);

    /// <summary>The last step at or before <paramref name="timestampMs"/> (negative before the simulation starts).</summary>
    public long StepAt(long timestampMs) => (long)Math.Floor((timestampMs - Time.StartMs) / (double)Time.StepMs);
}
