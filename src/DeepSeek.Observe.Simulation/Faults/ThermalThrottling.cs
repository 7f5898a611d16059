using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A GPU overheats (a failed fan or blocked airflow) and the driver slows its clocks to cool it. On the GPU: the
/// temperature climbs past the 85 °C slowdown threshold, SM clocks drop, the throttle-reason mask shows thermal
/// slowdown, the thermal violation counter runs and power falls with the clocks. Its rank computes slower, so the
/// whole job slows to its pace; the other ranks wait in collectives.
/// </summary>
public sealed class ThermalThrottling : Fault
{
    // NVML clock-throttle reasons: SW thermal slowdown (0x20) and HW thermal slowdown (0x40).
    private const double ThermalReasons = 0x20 | 0x40;
    private const double RampSeconds = 120;

    private readonly FleetGpu _gpu;
    private readonly TrainingRank? _rank;
    private readonly double _peakTemp;
    private readonly double _slowdown;

    public ThermalThrottling(Fleet fleet, FleetGpu gpu, FaultWindow window, ulong key)
        : base(fleet, FaultKind.ThermalThrottling, gpu.Id, window, key)
    {
        _gpu = gpu;
        _rank = fleet.Ranks.FirstOrDefault(r => r.Gpu == gpu);
        _peakTemp = 88 + (4 * Draw(1));
        _slowdown = 1.25 + (0.2 * Draw(2));
        Affected = _rank is { } rank
            ? [gpu.Id, rank.Id, .. TrainingEffects.JobEntities(rank.Job).Where(e => e != gpu.Id && e != rank.Id)]
            : [gpu.Id];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"GPU {_gpu.Gpu} on {_gpu.Node.Hostname} overheats and throttles its clocks" + (_rank is { } rank ? $"; {rank.Job.Name} slows to its pace" : string.Empty);

    public override bool Affects(in SimulatedSeries series) =>
        (series.Kind.IsGpu() && series.Entity == _gpu.Index) || (_rank is { } rank && TrainingEffects.IsRankOf(in series, Fleet, rank.Job));

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Kind.IsRank())
        {
            return TrainingEffects.Slowdown(in series, in at, Window, value, _slowdown, r => r == _rank, Fleet);
        }

        if (series.Labels.MetricName == "DCGM_FI_DEV_THERMAL_VIOLATION")
        {
            // Nanoseconds spent throttled: all of it once the slowdown has kicked in.
            return value + Math.Floor(1e9 * Math.Max(0, Window.ElapsedSeconds(at.TimestampMs) - (RampSeconds / 2)));
        }

        if (!Active(in at))
        {
            return value;
        }

        // Heat builds up over the first two minutes; the slowdown starts half-way, at 85 °C.
        var heat = Math.Min(1, Window.ElapsedSeconds(at.TimestampMs) / RampSeconds);
        var throttled = heat >= 0.5;
        return series.Kind switch
        {
            SignalKind.GpuTemp => Math.Round(value + ((_peakTemp - value) * heat) + (0.7 * Noise(in series, in at))),
            SignalKind.GpuMemoryTemp => Math.Round(value + (12 * heat) + (0.7 * Noise(in series, in at))),
            SignalKind.GpuSmClock when throttled => Math.Round(1980 / _slowdown / 15) * 15,
            SignalKind.GpuPower when throttled => Math.Round(value * 0.82, 3),
            SignalKind.GpuClockThrottleReasons when throttled => ThermalReasons,
            SignalKind.GpuTensorActive when throttled => Math.Round(value / _slowdown, 4),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        // The driver logs each slowdown event; nvidia-smi's reason shows up in the kernel log via the NVRM module.
        foreach (var t in Every(Window.StartMs + (long)(RampSeconds * 500), 300_000, fromMs, toMs))
        {
            yield return new SimulatedLog(t, LogSource.Kernel, LogSeverity.Warn, _gpu.Node, null, null,
                $"NVRM: GPU at PCI:{_gpu.PciBusId[4..]}: GPU has exceeded its slowdown temperature threshold ({Math.Round(_peakTemp)} C); clocks reduced (HW thermal slowdown)");
        }
    }
}
