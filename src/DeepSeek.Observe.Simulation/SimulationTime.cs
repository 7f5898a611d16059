namespace DeepSeek.Observe.Simulation;

/// <summary>Where step 0 falls and how far apart steps are; a step's timestamp is <c>StartMs + step·StepMs</c>.</summary>
public readonly record struct SimulationTime(long StartMs, long StepMs)
{
    public long TimestampMs(long step) => StartMs + (step * StepMs);

    internal double Seconds(long step) => TimestampMs(step) / 1000.0;

    internal double StartSeconds => StartMs / 1000.0;

    internal double StepSeconds => StepMs / 1000.0;
}
