namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// What happens to the rest of the fleet when a container dies or runs harder: its GPUs idle while it is down, a
/// counter stops while it is down, a GPU's gauges move with a higher load.
/// </summary>
public static class WorkloadEffects
{
    // A saturated serving GPU: never quite 100 %, the scheduler leaves gaps between batches.
    private const double FullLoad = 0.99;

    // PCIe-idle SM clock of an H100, as the healthy model's idle GPUs report it.
    private const double IdleSmClock = 345;

    /// <summary>The counter grows only outside <paramref name="outages"/> (sorted, disjoint): its healthy growth within them is taken out.</summary>
    public static double Frozen(in ConditionContext at, IReadOnlyList<FaultWindow> outages, double healthy)
    {
        var lost = 0.0;
        foreach (var outage in outages)
        {
            if (at.TimestampMs < outage.StartMs)
            {
                break;
            }

            var begin = Math.Min(at.Step, Math.Max(0, at.StepAt(outage.StartMs)));
            var end = at.TimestampMs < outage.EndMs ? at.Step : Math.Min(at.Step, Math.Max(begin, at.StepAt(outage.EndMs - 1)));
            lost += at.HealthyAt(end) - at.HealthyAt(begin);
        }

        return healthy - lost;
    }

    /// <summary>The outage containing <paramref name="timestampMs"/>, if any.</summary>
    public static FaultWindow? During(IReadOnlyList<FaultWindow> outages, long timestampMs)
    {
        foreach (var outage in outages)
        {
            if (outage.Contains(timestampMs))
            {
                return outage;
            }
        }

        return null;
    }

    /// <summary>A GPU gauge once the process holding the GPU has exited: no load, no framebuffer, idle clocks and the idle throttle reason.</summary>
    public static double IdleGpu(SignalKind kind, double value, double noise) => kind switch
    {
        SignalKind.GpuUtil or SignalKind.GpuMemCopyUtil or SignalKind.GpuGrEngineActive or SignalKind.GpuTensorActive or SignalKind.GpuFbUsed => 0,
        SignalKind.GpuFbFree => Fleet.FramebufferMiB - FleetGenerator.FbReservedMiB,
        SignalKind.GpuPower => Math.Round(FleetGenerator.IdleWatts + (3 * noise), 3),
        SignalKind.GpuSmClock => IdleSmClock,
        SignalKind.GpuClockThrottleReasons => 1,
        _ => value,
    };

    /// <summary>
    /// A load-driven GPU gauge when the GPU's load moves <paramref name="towardsFull"/> of the way from healthy to flat
    /// out (other gauges unchanged).
    /// </summary>
    public static double Saturate(in SimulatedSeries series, in ConditionContext at, double value, double towardsFull)
    {
        var generator = at.Generator;
        var healthy = generator.GpuLoadAt(series.Entity, at.Step);
        var slope = generator.GpuLoadSlope(series.Kind, series.Entity);
        var load = healthy + (towardsFull * (FullLoad - healthy));
        if (slope == 0 || load <= healthy)
        {
            return value;
        }

        var shifted = value + (slope * (load - healthy));
        return series.Kind switch
        {
            SignalKind.GpuUtil or SignalKind.GpuMemCopyUtil => Math.Min(100, Math.Round(shifted)),
            SignalKind.GpuTemp or SignalKind.GpuMemoryTemp or SignalKind.GpuFbUsed or SignalKind.GpuFbFree => Math.Round(shifted),
            SignalKind.GpuGrEngineActive or SignalKind.GpuTensorActive => Math.Round(Math.Clamp(shifted, 0, 1), 4),
            _ => Math.Round(shifted, 3),
        };
    }
}
