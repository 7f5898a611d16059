using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation;

/// <summary>
/// Special values a generated step can hold besides a number. <see cref="Absent"/> means the exporter does not emit
/// the series at that step (kube-state-metrics only reports a terminated reason once a container has terminated);
/// sinks skip it. When a series that was present goes absent, the generator writes Prometheus's staleness marker
/// once instead, as a scraper would, so queries stop seeing the old value at once.
/// </summary>
public static class SimulatedValue
{
    // A quiet NaN with a payload no arithmetic produces, so a computed NaN (a diverged loss) is never mistaken for it.
    private const ulong AbsentBits = 0x7FF8_0000_0AB5_E47DUL;

    public static double Absent => BitConverter.UInt64BitsToDouble(AbsentBits);

    public static bool IsAbsent(double value) => BitConverter.DoubleToUInt64Bits(value) == AbsentBits;

    public static bool IsStaleMarker(double value) => BitConverter.DoubleToUInt64Bits(value) == Sample.StaleNaNBits;
}
