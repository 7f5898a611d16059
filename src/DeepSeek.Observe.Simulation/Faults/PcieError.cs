using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A GPU's PCIe link turns marginal (a loose riser, a failing retimer): TLPs fail their LCRC and are replayed. On the
/// GPU: DCGM's PCIe replay counter climbs by hundreds a second, the kernel logs corrected AER Data Link Layer errors
/// for the device, and host transfers crawl, so the GPU waits for its inputs: memory-copy, tensor activity and power
/// fall. There is no XID and the NVLink counters stay quiet (unlike <see cref="NvlinkError"/>). Its rank takes longer to
/// get each batch onto the GPU, so the job slows to its pace while the other ranks wait in collectives: a straggler
/// whose cause the replay counter names.
/// </summary>
public sealed class PcieError : Fault
{
    // H100 SXM5's PCI device id, as AER prints it.
    private const string DeviceId = "10de:2330";

    private readonly FleetGpu _gpu;
    private readonly TrainingRank? _rank;
    private readonly double _slowdown;
    private readonly double _replaysPerSecond;

    public PcieError(Fleet fleet, FleetGpu gpu, FaultWindow window, ulong key)
        : base(fleet, FaultKind.PcieError, gpu.Id, window, key)
    {
        _gpu = gpu;
        _rank = fleet.Ranks.FirstOrDefault(r => r.Gpu == gpu);
        _slowdown = 1.2 + (0.2 * Draw(1));
        _replaysPerSecond = 150 + (250 * Draw(2));
        Affected = _rank is { } rank
            ? [gpu.Id, rank.Id, .. TrainingEffects.JobEntities(rank.Job).Where(e => e != gpu.Id && e != rank.Id)]
            : [gpu.Id];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"GPU {_gpu.Gpu} on {_gpu.Node.Hostname} has a marginal PCIe link and replays TLPs" + (_rank is { } rank ? $"; {rank.Job.Name} slows to its rank's pace" : string.Empty);

    /// <summary>How many times longer the job's steps take.</summary>
    public double Slowdown => _slowdown;

    public override bool Affects(in SimulatedSeries series) =>
        (series.Kind.IsGpu() && series.Entity == _gpu.Index) || (_rank is { } rank && TrainingEffects.IsRankOf(in series, Fleet, rank.Job));

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Kind.IsRank())
        {
            return TrainingEffects.Slowdown(in series, in at, Window, value, _slowdown, r => r == _rank, Fleet);
        }

        switch (series.Labels.MetricName)
        {
            case "DCGM_FI_DEV_PCIE_REPLAY_COUNTER":
                return CounterEffects.Add(Window, in at, value, _replaysPerSecond);
            case "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION":
                return Math.Floor(CounterEffects.ScaleRate(in at, Window, value, 0.85));
        }

        if (!Active(in at))
        {
            return value;
        }

        return series.Kind switch
        {
            SignalKind.GpuMemCopyUtil => Math.Round(value / _slowdown / 1.5),
            SignalKind.GpuTensorActive => Math.Round(value / _slowdown, 4),
            SignalKind.GpuUtil => Math.Round(value / Math.Sqrt(_slowdown)),
            SignalKind.GpuPower => Math.Round(value * 0.85, 3),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        // AER reports corrected errors through the port above the GPU; the kernel rate-limits them to a burst a minute.
        var bus = Convert.ToInt32(_gpu.PciBusId[9..11], 16);
        var port = string.Create(CultureInfo.InvariantCulture, $"0000:{bus - 1:x2}:00.0");
        var device = _gpu.PciBusId[4..].ToLowerInvariant();
        foreach (var t in Every(Window.StartMs, 60_000, fromMs, toMs))
        {
            yield return Kernel(t, $"pcieport {port}: AER: Corrected error received: {device}");
            yield return Kernel(t, $"nvidia {device}: PCIe Bus Error: severity=Corrected, type=Data Link Layer, (Receiver ID)");
            yield return Kernel(t, $"nvidia {device}:   device [{DeviceId}] error status/mask=000000c0/00002000");
            yield return Kernel(t, $"nvidia {device}:    [ 6] BadTLP");
            yield return Kernel(t, $"nvidia {device}:    [ 7] BadDLLP");
        }
    }

    private SimulatedLog Kernel(long timestampMs, string body) => new(timestampMs, LogSource.Kernel, LogSeverity.Warn, _gpu.Node, null, null, body);
}
