using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A node loses a power supply and its BMC asserts the power brake: every busy GPU of the node is held at a power cap
/// well under its load's draw. On each of them: power sits at the cap (350–450 W), the throttle-reason mask shows SW power
/// cap and HW power brake (0x84) and no thermal bit, the power violation counter runs, SM clocks drop, and temperatures
/// fall rather than rise, which is what tells it from <see cref="ThermalThrottling"/>; that all GPUs of one node show it
/// at once points at the node, not a GPU. The job on the node slows to the pace of the node's ranks; the others wait in
/// collectives. The node's journal has the BMC's power-supply events.
/// </summary>
public sealed class PowerThrottling : Fault
{
    // NVML clock-throttle reasons: SW power cap (0x4) and HW power brake slowdown (0x80).
    private const double PowerReasons = 0x04 | 0x80;

    // What a busy H100 in the fleet draws on average, to size the slowdown from the cap.
    private const double LoadWatts = 620;

    private readonly FleetNode _node;
    private readonly TrainingJob? _job;
    private readonly double _cap;
    private readonly double _slowdown;
    private readonly int _psu;

    public PowerThrottling(Fleet fleet, FleetNode node, FaultWindow window, ulong key)
        : base(fleet, FaultKind.PowerThrottling, node.Id, window, key)
    {
        _node = node;
        _job = fleet.Pods.FirstOrDefault(p => p.Node == node && p.TrainJob is not null)?.TrainJob;
        _cap = Math.Round(350 + (100 * Draw(1)));
        // Dynamic power goes roughly with the clock to the power of 1.4 (voltage follows frequency down), so clocks fall less than power.
        _slowdown = Math.Pow(LoadWatts / _cap, 1 / 1.4);
        _psu = 1 + (int)(Draw(2) * 4);
        var gpus = fleet.Gpus.Where(g => g.Node == node).Select(g => g.Id);
        Affected = _job is { } job
            ? [node.Id, .. gpus, .. TrainingEffects.JobEntities(job).Where(e => !gpus.Contains(e))]
            : [node.Id, .. gpus];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"{_node.Hostname} loses power supply PSU{_psu} and caps its GPUs at {_cap} W" + (_job is { } job ? $"; {job.Name} slows to their pace" : string.Empty);

    /// <summary>The power every busy GPU of the node is held at.</summary>
    public double CapWatts => _cap;

    /// <summary>How many times slower the node's GPUs compute.</summary>
    public double Slowdown => _slowdown;

    public override bool Affects(in SimulatedSeries series) =>
        (series.Kind.IsGpu() && Fleet.Gpus[series.Entity] is { Pod: not null } gpu && gpu.Node == _node)
        || (_job is { } job && TrainingEffects.IsRankOf(in series, Fleet, job));

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Kind.IsRank())
        {
            return TrainingEffects.Slowdown(in series, in at, Window, value, _slowdown, r => r.Pod.Node == _node, Fleet);
        }

        switch (series.Labels.MetricName)
        {
            case "DCGM_FI_DEV_POWER_VIOLATION":
                // Nanoseconds spent power-capped: all of the fault's time.
                return value + Math.Floor(1e9 * Window.ElapsedSeconds(at.TimestampMs));
            case "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION":
                return Math.Floor(CounterEffects.ScaleRate(in at, Window, value, _cap / LoadWatts));
        }

        if (!Active(in at))
        {
            return value;
        }

        return series.Kind switch
        {
            SignalKind.GpuPower => Math.Min(value, Math.Round(_cap + (4 * Noise(in series, in at)), 3)),
            SignalKind.GpuSmClock => Math.Min(value, Math.Round(1980 / _slowdown / 15) * 15),
            // A GPU idle enough to report the idle reason draws under any cap.
            SignalKind.GpuClockThrottleReasons => value == 0 ? PowerReasons : value,
            SignalKind.GpuTensorActive => Math.Round(value / _slowdown, 4),
            // Less power, less heat: a few degrees cooler than at full power.
            SignalKind.GpuTemp => Math.Round(value - 7 + (0.7 * Noise(in series, in at))),
            SignalKind.GpuMemoryTemp => Math.Round(value - 5 + (0.7 * Noise(in series, in at))),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        // ipmievd relays the BMC's system event log to the node's journal; the redundancy event repeats while it lasts.
        var pid = 1100 + (int)(Draw(3) * 800);
        if (Within(Window.StartMs, fromMs, toMs))
        {
            yield return Journal(Window.StartMs, LogSeverity.Error, $"ipmievd[{pid}]: Power Supply sensor PSU{_psu}_Status: Failure detected Asserted");
        }

        foreach (var t in Every(Window.StartMs + 1_000, 600_000, fromMs, toMs))
        {
            yield return Journal(t, LogSeverity.Warn, string.Create(CultureInfo.InvariantCulture,
                $"ipmievd[{pid}]: Power Unit sensor PSU_Redundancy: Redundancy Lost Asserted; GPU power brake engaged, GPUs capped at {_cap} W"));
        }
    }

    private SimulatedLog Journal(long timestampMs, LogSeverity level, string body) => new(timestampMs, LogSource.Kernel, level, _node, null, null, body);
}
