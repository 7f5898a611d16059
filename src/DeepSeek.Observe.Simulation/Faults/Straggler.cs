using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A fail-slow node: its host CPUs slow down, either because the trainer container's CPU quota is throttled by CFS
/// (a co-scheduled noisy neighbour, a limit set too tight) or because the package overheats and the CPUs clock down
/// (drawn from the key). Its ranks cannot feed their GPUs: they compute slower and wait longer for batches, so the
/// whole synchronous job runs at their pace. Distinguishing evidence: the straggler's ranks have the LOWEST
/// collective time (everyone else waits for them) and their GPUs the lowest utilisation, unlike
/// <see cref="NcclTimeout"/>, where every rank's collective time grows; no XID, no NIC errors, no clock throttling on
/// the GPUs (unlike <see cref="ThermalThrottling"/>), and data-loader waits grow on one node only (unlike
/// <see cref="StorageStall"/>).
/// </summary>
public sealed class Straggler : Fault
{
    // A CFS period is 100 ms; a starved container is throttled in most of them.
    private const double ThrottledPeriodsPerSecond = 7;

    private readonly FleetNode _node;
    private readonly FleetPod _pod;
    private readonly TrainingJob _job;
    private readonly double _slowdown;

    public Straggler(Fleet fleet, FleetPod pod, FaultWindow window, ulong key)
        : base(fleet, FaultKind.Straggler, pod.Node.Id, window, key)
    {
        _node = pod.Node;
        _pod = pod;
        _job = pod.TrainJob ?? throw new ArgumentException("a straggler needs a training pod", nameof(pod));
        CpuThrottled = Draw(1) < 0.5;
        _slowdown = 1.3 + (0.3 * Draw(2));
        Affected = [_node.Id, .. TrainingEffects.JobEntities(_job)];
    }

    /// <summary>Which variant: the container's CPU quota is throttled (true) or the host's CPUs clock down (false).</summary>
    public bool CpuThrottled { get; }

    public double SlowdownFactor => _slowdown;

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description => CpuThrottled
        ? $"{_pod.Name}'s CPU quota on {_node.Hostname} is throttled by CFS; its ranks straggle and {_job.Name} slows to their pace"
        : $"{_node.Hostname}'s CPUs overheat and clock down; its ranks straggle and {_job.Name} slows to their pace";

    public override bool Affects(in SimulatedSeries series) =>
        TrainingEffects.IsRankOf(in series, Fleet, _job)
        || (series.Kind.IsGpu() && Fleet.Gpus[series.Entity].Pod?.TrainJob == _job)
        || (CpuThrottled && series.Kind == SignalKind.PodCfsThrottled && series.Entity == _pod.Index);

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Kind == SignalKind.PodCfsThrottled)
        {
            return CounterEffects.Add(Window, in at, value, ThrottledPeriodsPerSecond);
        }

        if (series.Kind.IsRank())
        {
            var slow = TrainingEffects.Slowdown(in series, in at, Window, value, _slowdown, IsSlow, Fleet);
            // A starved host also prepares batches late: the straggler's ranks, only they, wait on their data loader.
            return series.Kind == SignalKind.TrainDataLoaderWait && Active(in at) && IsSlow(Fleet.Ranks[series.Entity])
                ? Math.Round(value + 0.05 + (0.03 * Noise(in series, in at)), 5)
                : slow;
        }

        if (!Active(in at))
        {
            return value;
        }

        // Every GPU does the same work per step spread over a longer step; the straggler's GPUs also sit idle between
        // kernel launches the CPU issues late, while the others spin in NCCL waiting for them.
        var onStraggler = Fleet.Gpus[series.Entity].Node == _node;
        return series.Kind switch
        {
            SignalKind.GpuTensorActive => Math.Round(value / _slowdown, 4),
            SignalKind.GpuUtil when onStraggler => Math.Round(value / _slowdown),
            SignalKind.GpuGrEngineActive when onStraggler => Math.Round(value / _slowdown, 4),
            SignalKind.GpuPower when onStraggler => Math.Round(value * 0.8, 3),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        if (!CpuThrottled)
        {
            // The kernel's thermal interrupt handler reports package throttling, rate-limited to every few minutes.
            foreach (var t in Every(Window.StartMs + 30_000, 300_000, fromMs, toMs))
            {
                var events = 1200 + (long)((t - Window.StartMs) / 1000 * 4);
                yield return TrainingLogs.Kernel(t, LogSeverity.Warn, _node, string.Create(CultureInfo.InvariantCulture,
                    $"CPU{(int)(96 * Draw((ulong)t))}: Package temperature above threshold, cpu clock throttled (total events = {events})"));
            }
        }

        // The job's rank 0 notices that every step now waits for the same node (a straggler detector in the trainer).
        var first = _job.Ranks[0];
        var slowRank = _job.Ranks.First(IsSlow);
        foreach (var t in Every(Window.StartMs + 120_000, 600_000, fromMs, toMs))
        {
            yield return TrainingLogs.Container(t, LogSeverity.Warn, first.Pod, string.Create(CultureInfo.InvariantCulture,
                $"step time {_slowdown:0.00}x the trailing median; slowest rank {slowRank.Rank} on {_node.Hostname} (compute), other ranks waiting in all-reduce"));
        }
    }

    private bool IsSlow(TrainingRank rank) => rank.Pod == _pod;
}
