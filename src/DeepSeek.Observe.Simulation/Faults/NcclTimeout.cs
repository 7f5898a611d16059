using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// One node's collective-network NIC goes bad (a failing transceiver: receive and transmit errors climb) or is
/// reconfigured to a 1500-byte MTU on a jumbo-frame fabric (oversized RoCE packets are dropped), drawn from the key.
/// Every collective of the job crosses that node, so ALL ranks' collective time grows (not only the bad node's),
/// then the collectives hang: steps freeze, and ten minutes later the NCCL watchdog times out on every rank; torchrun
/// restarts the workers, which hang again. Only the bad node's ranks log <c>NET/IB</c> transport errors.
/// Distinguishing evidence: the node's NIC series (errors, or MTU 1500); GPUs stay busy (NCCL kernels spin: GPU_UTIL
/// stays high while tensor pipes go quiet), unlike <see cref="SidecarInterference"/>, whose GPUs go idle; and unlike
/// <see cref="Straggler"/> the slow node's ranks wait in collectives as long as everyone else.
/// </summary>
public sealed class NcclTimeout : Fault
{
    /// <summary>ProcessGroupNCCL's default collective timeout (10 minutes).</summary>
    public const long DefaultWatchdogMs = 600_000;

    // Collectives crawl (retransmissions, drops) for a few minutes before a packet loss NCCL cannot recover from hangs them.
    private const long DegradedMs = 180_000;

    // torchrun tears the workers down after the watchdog and restarts them; they hang again at their first all-reduce.
    private const long RestartMs = 60_000;

    private readonly FleetNode _node;
    private readonly TrainingJob _job;
    private readonly double _slowdown;
    private readonly double _rxErrorsPerSecond;
    private readonly long _seqNum;

    // The next node in the ring: where the bad node's sends go.
    private readonly FleetNode _peer;

    // Steps come at the slowed pace, then not at all.
    private readonly RatePhase[] _phases;

    public NcclTimeout(Fleet fleet, FleetPod pod, FaultWindow window, ulong key)
        : base(fleet, FaultKind.NcclTimeout, pod.Node.Id, window, key)
    {
        _node = pod.Node;
        _job = pod.TrainJob ?? throw new ArgumentException("an NCCL timeout needs a training pod", nameof(pod));
        MtuMismatch = Draw(1) < 0.5;
        _slowdown = 2 + (1.5 * Draw(2));
        _rxErrorsPerSecond = 40 + (160 * Draw(3));
        _seqNum = 200_000 + (long)(400_000 * Draw(4));
        var pods = _job.Pods.ToList();
        _peer = pods[(pods.IndexOf(pod) + 1) % pods.Count].Node;
        // A fault window too short for the default timeout stands for a job configured with a shorter one (whole
        // minutes, as init_process_group's timedelta is usually given), so the watchdog still fires within it.
        var hangAfter = Math.Min(DegradedMs, (window.EndMs - window.StartMs) / 10);
        HangMs = window.StartMs + hangAfter;
        WatchdogMs = Math.Clamp((window.EndMs - HangMs) * 6 / 10 / 60_000 * 60_000, 60_000, DefaultWatchdogMs);
        _phases = [new RatePhase(window.StartMs, 1 / _slowdown), new RatePhase(HangMs, 0)];
        Affected = [_node.Id, .. TrainingEffects.JobEntities(_job)];
    }

    /// <summary>Which variant: the node's NIC runs a 1500-byte MTU (true) or is failing with link errors (false).</summary>
    public bool MtuMismatch { get; }

    /// <summary>When the collectives stop completing (the watchdog fires <see cref="WatchdogMs"/> later).</summary>
    public long HangMs { get; }

    /// <summary>The job's collective timeout: <see cref="DefaultWatchdogMs"/> unless the fault is too short for it.</summary>
    public long WatchdogMs { get; }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description => MtuMismatch
        ? $"{SeriesCatalog.CollectiveNic} on {_node.Hostname} runs a 1500-byte MTU on the 9000-byte RoCE fabric; {_job.Name}'s collectives slow, then hang until the NCCL watchdog times out"
        : $"{SeriesCatalog.CollectiveNic} on {_node.Hostname} is failing (link errors); {_job.Name}'s collectives slow, then hang until the NCCL watchdog times out";

    public override bool Affects(in SimulatedSeries series) =>
        (series.Kind.IsNode() && series.Entity == _node.Index)
        || TrainingEffects.IsRankOf(in series, Fleet, _job)
        || (series.Kind.IsGpu() && Fleet.Gpus[series.Entity].Pod?.TrainJob == _job);

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Kind.IsNode())
        {
            return Nic(in series, in at, value);
        }

        if (series.Kind == SignalKind.TrainSteps)
        {
            return Math.Floor(CounterPhases.Scale(in at, value, _phases, Window.EndMs));
        }

        if (series.Kind.IsRank())
        {
            return at.TimestampMs < HangMs
                ? TrainingEffects.Slowdown(in series, in at, Window, value, _slowdown, _ => true, Fleet, collectivesSlow: true)
                : TrainingEffects.Stall(in series, in at, new FaultWindow(HangMs, Window.EndMs), value);
        }

        if (!Active(in at))
        {
            return value;
        }

        // The GPUs keep running NCCL's kernels, which spin on the network: busy by GPU_UTIL, idle tensor pipes.
        var hung = at.TimestampMs >= HangMs;
        return series.Kind switch
        {
            SignalKind.GpuTensorActive => hung ? Math.Round(0.002 + (0.002 * Noise(in series, in at)), 4) : Math.Round(value / _slowdown, 4),
            SignalKind.GpuPower when hung => Math.Round(value * 0.55, 3),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var badRanks = _job.Ranks.Where(r => r.Pod.Node == _node).ToList();
        // The transport errors: the bad node's proxy threads see their sends time out (IBV_WC_RETRY_EXC_ERR, status 12).
        foreach (var t in Every(Window.StartMs + 20_000, 45_000, fromMs, toMs))
        {
            foreach (var rank in badRanks)
            {
                var peer = _peer;
                yield return TrainingLogs.Container(t, LogSeverity.Warn, rank.Pod, string.Create(CultureInfo.InvariantCulture,
                    $"{_node.Hostname}:{4100 + TrainingLogs.LocalRank(rank)}:{4300 + TrainingLogs.LocalRank(rank)} [{TrainingLogs.LocalRank(rank)}] transport/net_ib.cc:1683 NCCL WARN NET/IB : Got completion from peer {peer.Hostname}<{44000 + peer.Index}> with status=12 opcode=0 len=0 vendor err=129 (Send) localGid ::ffff:10.64.{_node.Index}.{10 + TrainingLogs.LocalRank(rank)} remoteGids ::ffff:10.64.{peer.Index}.{10 + TrainingLogs.LocalRank(rank)}"));
            }
        }

        if (!MtuMismatch)
        {
            foreach (var t in Every(Window.StartMs + 5_000, 120_000, fromMs, toMs))
            {
                yield return TrainingLogs.Kernel(t, LogSeverity.Warn, _node,
                    $"mlx5_core 0000:c1:00.0: mlx5_port_module_event:1166:(pid 0): Port module event[error]: module 0, Cable error, Bad or shorted cable/module ({SeriesCatalog.CollectiveNic})");
            }
        }

        // Every rank's watchdog fires a timeout after the hang, then again after each restart of the workers.
        var seq = _seqNum;
        foreach (var t in Every(HangMs + WatchdogMs, WatchdogMs + RestartMs, fromMs, toMs))
        {
            seq += 3;
            foreach (var rank in _job.Ranks)
            {
                var n = TrainingLogs.Number(rank);
                yield return TrainingLogs.Container(t, LogSeverity.Error, rank.Pod, string.Create(CultureInfo.InvariantCulture,
                    $"[rank{n}]:[E ProcessGroupNCCL.cpp:632] [Rank {n}] Watchdog caught collective operation timeout: WorkNCCL(SeqNum={seq}, OpType=ALLREDUCE, NumelIn=262144000, NumelOut=262144000, Timeout(ms)={WatchdogMs}) ran for {WatchdogMs} milliseconds before timing out."));
                yield return TrainingLogs.Container(t, LogSeverity.Fatal, rank.Pod, string.Create(CultureInfo.InvariantCulture,
                    $"[rank{n}]:[E ProcessGroupNCCL.cpp:1664] [PG 0 Rank {n}] Timeout at NCCL work: {seq}, last enqueued NCCL work: {seq}, last completed NCCL work: {seq - 1}. To avoid data inconsistency, we are taking the entire process down."));
            }
        }
    }

    private double Nic(in SimulatedSeries series, in ConditionContext at, double value)
    {
        switch (series.Labels.MetricName)
        {
            case "node_network_mtu_bytes":
                return MtuMismatch && Active(in at) ? 1500 : value;
            case "node_network_receive_errs_total" when !MtuMismatch:
                return CounterEffects.Add(Window, in at, value, _rxErrorsPerSecond);
            case "node_network_transmit_errs_total" when !MtuMismatch:
                return CounterEffects.Add(Window, in at, value, _rxErrorsPerSecond / 8);
            default:
                return value;
        }
    }
}
