namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A stretch of time in which an inference pod serves differently from healthy: it receives <see cref="Traffic"/> ×
/// its healthy requests (0: it is down), its latency median is <see cref="Latency"/> × healthy, and it answers
/// <see cref="Shed"/> of its requests with 429 (at once, so they land in the fastest bucket) and <see cref="Failed"/>
/// with 500.
/// </summary>
public readonly record struct ServingRegime(
    FaultWindow Window,
    double Traffic,
    double Latency = 1,
    double Shed = SeriesCatalog.HealthyShedShare,
    double Failed = SeriesCatalog.HealthyFailedShare)
{
    /// <summary>How long a shed request takes: the server rejects it before queueing (seconds).</summary>
    public const double ShedSeconds = 0.01;
}
