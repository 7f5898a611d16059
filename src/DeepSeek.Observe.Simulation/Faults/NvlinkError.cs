using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A marginal NVLink on a GPU (a bad cable cartridge or NVSwitch port) keeps corrupting flits. On the GPU: NVLink CRC
/// flit and data errors and replays climb by the second, the link retrains now and then (recovery errors, XID 74 in the
/// kernel log and as DCGM's last XID), and its NVLink throughput falls. Because every collective crosses that link, the
/// whole job slows and every rank, the faulty one included, spends longer in collectives; no rank computes slower. That
/// and the NVLink counters tell it from <see cref="PcieError"/> and a straggler, where the slow rank itself does not wait.
/// </summary>
public sealed class NvlinkError : Fault
{
    // Link retraining after a burst of replays, every few minutes.
    private const double RecoveryEverySeconds = 240;

    private readonly FleetGpu _gpu;
    private readonly TrainingRank? _rank;
    private readonly double _slowdown;
    private readonly double _flitsPerSecond;
    private readonly int _link;

    public NvlinkError(Fleet fleet, FleetGpu gpu, FaultWindow window, ulong key)
        : base(fleet, FaultKind.NvlinkError, gpu.Id, window, key)
    {
        _gpu = gpu;
        _rank = fleet.Ranks.FirstOrDefault(r => r.Gpu == gpu);
        _slowdown = 1.2 + (0.15 * Draw(1));
        _flitsPerSecond = 30 + (30 * Draw(2));
        // H100 SXM has 18 NVLink 4 links.
        _link = (int)(Draw(3) * 18);
        Affected = _rank is { } rank
            ? [gpu.Id, rank.Id, .. TrainingEffects.JobEntities(rank.Job).Where(e => e != gpu.Id && e != rank.Id)]
            : [gpu.Id];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"NVLink {_link} of GPU {_gpu.Gpu} on {_gpu.Node.Hostname} keeps failing CRC checks and replaying (XID 74)" + (_rank is { } rank ? $"; {rank.Job.Name}'s collectives slow down" : string.Empty);

    /// <summary>How many times longer the job's steps take.</summary>
    public double Slowdown => _slowdown;

    public override bool Affects(in SimulatedSeries series) =>
        (series.Kind.IsGpu() && (series.Entity == _gpu.Index || (_rank is { } r && Fleet.Gpus[series.Entity].Pod?.TrainJob == r.Job)))
        || (_rank is { } rank && TrainingEffects.IsRankOf(in series, Fleet, rank.Job));

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Kind.IsRank())
        {
            return TrainingEffects.Slowdown(in series, in at, Window, value, _slowdown, _ => false, Fleet, collectivesSlow: true);
        }

        var root = series.Entity == _gpu.Index;
        if (series.Kind == SignalKind.GpuNvlinkBandwidth)
        {
            // The faulty GPU loses most of a link's worth of useful bytes to replays; the others move as much as the slower steps ask.
            return Math.Floor(CounterEffects.ScaleRate(in at, Window, value, root ? 0.45 : 1 / _slowdown));
        }

        if (root && series.Kind == SignalKind.GpuErrorHistory)
        {
            return series.Labels.MetricName switch
            {
                "DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL" => CounterEffects.Add(Window, in at, value, _flitsPerSecond),
                "DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL" => CounterEffects.Add(Window, in at, value, _flitsPerSecond / 12),
                "DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL" => CounterEffects.Add(Window, in at, value, _flitsPerSecond * 0.8),
                "DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL" => CounterEffects.AddEvery(Window, in at, value, RecoveryEverySeconds),
                _ => value,
            };
        }

        if (!Active(in at))
        {
            return value;
        }

        return series.Kind switch
        {
            SignalKind.GpuZero when root && series.Labels.MetricName == "DCGM_FI_DEV_XID_ERRORS" => 74,
            // Waiting on the link instead of computing: the tensor cores idle for the extra share of every step.
            SignalKind.GpuTensorActive => Math.Round(value / _slowdown, 4),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var pid = _rank is null ? "'<unknown>'" : GpuFaultEffects.Pid(Key, _gpu).ToString(CultureInfo.InvariantCulture);
        var name = _rank is null ? "<unknown>" : "pt_main_thread";
        // One XID 74 per link recovery, as the recovery counter counts them.
        foreach (var t in Every(Window.StartMs, (long)(RecoveryEverySeconds * 1000), fromMs, toMs))
        {
            yield return GpuFaultEffects.Xid(_gpu, t, 74, pid, name, string.Create(CultureInfo.InvariantCulture,
                $"NVLink: Link {_link} CRC errors exceeded the replay threshold; link retrained (0x0, 0x0, 0x0, 0x10000, 0x0, 0x0, 0x0)"));
        }
    }
}
