namespace DeepSeek.Observe.Simulation;

/// <summary>Whether steps are emitted at their timestamps (a live fleet) or as fast as they can be made (backfill, benchmark).</summary>
public enum SimulationSpeed
{
    Realtime,
    Max,
}
