namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>When a fault is active: from <see cref="StartMs"/> (inclusive) to <see cref="EndMs"/> (exclusive), unix ms.</summary>
public readonly record struct FaultWindow(long StartMs, long EndMs)
{
    public bool Contains(long timestampMs) => timestampMs >= StartMs && timestampMs < EndMs;

    public bool HasStarted(long timestampMs) => timestampMs >= StartMs;

    /// <summary>Seconds since the start, held at the end once the fault is over (0 before it starts).</summary>
    public double ElapsedSeconds(long timestampMs) => Math.Clamp(timestampMs - StartMs, 0, EndMs - StartMs) / 1000.0;

    public double DurationSeconds => (EndMs - StartMs) / 1000.0;
}
