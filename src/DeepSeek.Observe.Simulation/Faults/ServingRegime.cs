namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A stretch of time in which an inference pod serves differently from healthy: it receives <see cref="Traffic"/> ×
/// its healthy requests (0: it is down), its latency median is <see cref="Latency"/> × healthy, it answers
/// <see cref="Shed"/> of its requests with 429 (at once, so they land in the fastest bucket) and <see cref="Failed"/>
/// with 500, and <see cref="Runaway"/> of the rest run away to max_tokens (seconds each, whatever the pod's median).
/// </summary>
public readonly record struct ServingRegime(
    FaultWindow Window,
    double Traffic,
    double Latency = 1,
    double Shed = SeriesCatalog.HealthyShedShare,
    double Failed = SeriesCatalog.HealthyFailedShare,
    double Runaway = 0)
{
    /// <summary>How long a shed request takes: the server rejects it before queueing (seconds).</summary>
    public const double ShedSeconds = 0.01;
}
