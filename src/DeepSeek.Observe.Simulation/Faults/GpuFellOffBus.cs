using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A GPU drops off the PCIe bus (XID 79): the driver can no longer reach it. On the GPU: the last XID is 79 and it does
/// no work at all (utilization, engine and tensor activity 0, idle power and clocks, cooling); its ECC counters do not
/// move, which tells it from <see cref="EccUncorrectable"/>. A training job hangs: every rank's progress stops, the other
/// GPUs spin in NCCL (utilization stays high, tensor activity collapses, power falls) until the NCCL watchdog times the
/// collective out after ten minutes, logs <c>Watchdog caught collective operation timeout</c> on every rank and the job's
/// pods restart with reason Error; the job stays down while the GPU is gone. An inference pod on the GPU fails its
/// requests with 500s until its liveness probe restarts it, then serves nothing.
/// </summary>
public sealed class GpuFellOffBus : Fault
{
    /// <summary>PyTorch's default NCCL collective timeout.</summary>
    public const long WatchdogMs = 600_000;

    // Three failed liveness probes, 30 s apart, and a few seconds to tear the container down.
    private const long LivenessMs = 95_000;

    // What a serving pod takes in a quiet hour; all of it fails while the pod still receives traffic.
    private const double FailingRequestsPerSecond = 6;

    // From the watchdog firing to torchrun's agent tearing the pod's workers down.
    private const long TeardownMs = 20_000;

    private readonly FleetGpu _gpu;
    private readonly TrainingRank? _rank;

    public GpuFellOffBus(Fleet fleet, FleetGpu gpu, FaultWindow window, ulong key)
        : base(fleet, FaultKind.GpuFellOffBus, gpu.Id, window, key)
    {
        _gpu = gpu;
        _rank = fleet.Ranks.FirstOrDefault(r => r.Gpu == gpu);
        Affected = _rank is { } rank
            ? [gpu.Id, rank.Id, .. TrainingEffects.JobEntities(rank.Job).Where(e => e != gpu.Id && e != rank.Id)]
            : gpu.Pod is { } pod ? [gpu.Id, pod.Id] : [gpu.Id];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description => $"GPU {_gpu.Gpu} on {_gpu.Node.Hostname} falls off the bus (XID 79)" + (_rank is { } rank
        ? $"; {rank.Job.Name} hangs until the NCCL watchdog kills it and its pods restart"
        : _gpu.Pod is { } pod ? $"; {pod.Name} fails its requests and restarts" : string.Empty);

    /// <summary>When the job's pods (or the inference pod) are restarted.</summary>
    public long RestartAtMs => Window.StartMs + (_rank is null ? LivenessMs : WatchdogMs + TeardownMs);

    public override bool Affects(in SimulatedSeries series)
    {
        if (series.Kind.IsGpu())
        {
            return series.Entity == _gpu.Index || (_rank is { } r && Fleet.Gpus[series.Entity].Pod?.TrainJob == r.Job);
        }

        if (series.Kind.IsPod())
        {
            var pod = Fleet.Pods[series.Entity];
            var ours = _rank is { } rank ? pod.TrainJob == rank.Job : pod == _gpu.Pod;
            return ours && (GpuFaultEffects.IsRestartSeries(in series) || series.Kind is SignalKind.InferenceRequests or SignalKind.InferenceLatencyBucket or SignalKind.InferenceLatencyCount or SignalKind.InferenceLatencySum);
        }

        return _rank is { } owner && TrainingEffects.IsRankOf(in series, Fleet, owner.Job);
    }

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Kind.IsRank())
        {
            return TrainingEffects.Stall(in series, in at, Window, value);
        }

        if (series.Kind.IsPod())
        {
            return GpuFaultEffects.IsRestartSeries(in series) ? Restart(in series, in at, value) : Inference(in series, in at, value);
        }

        var root = series.Entity == _gpu.Index;
        switch (series.Kind)
        {
            case SignalKind.GpuEnergy:
                // A lost GPU draws what the board feeds an unreachable device; the job's others spin, then idle.
                return Math.Floor(CounterEffects.ScaleRate(in at, Window, value, root ? 0.11 : 0.18));
            case SignalKind.GpuNvlinkBandwidth:
                // Nothing moves: the collective that should have carried the step never completes.
                return Math.Floor(CounterEffects.ScaleRate(in at, Window, value, 0));
        }

        if (!Active(in at))
        {
            return value;
        }

        if (root)
        {
            return series.Labels.MetricName == "DCGM_FI_DEV_XID_ERRORS" ? 79 : GpuFaultEffects.Idle(in series, in at, Window.StartMs, value);
        }

        return at.TimestampMs < RestartAtMs
            ? GpuFaultEffects.Spinning(in series, in at, value)
            : GpuFaultEffects.Idle(in series, in at, RestartAtMs, value);
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var t0 = Window.StartMs;
        if (Within(t0, fromMs, toMs))
        {
            // No process context: the driver notices the device is gone on its own.
            yield return GpuFaultEffects.Xid(_gpu, t0, 79, "'<unknown>'", "<unknown>", "GPU has fallen off the bus.");
        }

        if (Within(t0 + 1, fromMs, toMs))
        {
            yield return new SimulatedLog(t0 + 1, LogSource.Kernel, LogSeverity.Error, _gpu.Node, null, null,
                $"NVRM: GPU {_gpu.PciBusId[4..]}: GPU has fallen off the bus.");
        }

        if (_rank is not { } failed)
        {
            if (_gpu.Pod is { } pod && RestartAtMs < Window.EndMs)
            {
                SimulatedLog[] lines =
                [
                    GpuFaultEffects.Container(pod, Window.StartMs + 2_000, LogSeverity.Error, "RuntimeError: CUDA error: unknown error"),
                    new(RestartAtMs - 3_000, LogSource.Kubernetes, LogSeverity.Warn, pod.Node, pod, pod.Container, "Liveness probe failed: HTTP probe failed with statuscode: 500"),
                    new(RestartAtMs, LogSource.Kubernetes, LogSeverity.Info, pod.Node, pod, pod.Container, $"Container {pod.Container} failed liveness probe, will be restarted"),
                ];
                foreach (var line in lines.Where(l => Within(l.TimestampMs, fromMs, toMs)))
                {
                    yield return line;
                }
            }

            yield break;
        }

        var timeout = t0 + WatchdogMs;
        if (timeout >= Window.EndMs)
        {
            yield break;
        }

        var seq = 100_000 + (long)(Draw(3) * 800_000);
        foreach (var rank in failed.Job.Ranks)
        {
            var at = timeout + (rank.Rank * 37 % 900);
            if (Within(at, fromMs, toMs))
            {
                yield return GpuFaultEffects.Container(rank.Pod, at, LogSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"[rank{rank.Rank}]:[E ProcessGroupNCCL.cpp:607] [Rank {rank.Rank}] Watchdog caught collective operation timeout: WorkNCCL(SeqNum={seq}, OpType=ALLREDUCE, NumelIn=67108864, NumelOut=67108864, Timeout(ms)={WatchdogMs}) ran for {WatchdogMs + (at - timeout)} milliseconds before timing out."));
            }
        }

        if (RestartAtMs >= Window.EndMs)
        {
            yield break;
        }

        foreach (var pod in failed.Job.Pods)
        {
            var lead = failed.Job.Ranks.First(r => r.Pod == pod);
            var at = RestartAtMs - 2_000;
            if (Within(at, fromMs, toMs))
            {
                // The watchdog aborts the process: SIGABRT, exit code -6.
                yield return GpuFaultEffects.WorkerFailed(lead, at, -6, GpuFaultEffects.Pid(Key, lead.Gpu));
            }
        }

        if (Within(RestartAtMs, fromMs, toMs))
        {
            yield return GpuFaultEffects.JobRestarting(failed.Pod, RestartAtMs);
        }
    }

    private double Restart(in SimulatedSeries series, in ConditionContext at, double value) =>
        RestartAtMs < Window.EndMs ? GpuFaultEffects.Restart(in series, in at, RestartAtMs, value) : value;

    // Requests fail fast with 500 until the restart; after it the pod never turns ready, so it gets no traffic at all.
    private double Inference(in SimulatedSeries series, in ConditionContext at, double value)
    {
        var failing = new FaultWindow(Window.StartMs, Math.Min(RestartAtMs, Window.EndMs));
        if (!Window.HasStarted(at.TimestampMs))
        {
            return value;
        }

        var frozen = Math.Round(CounterEffects.ScaleRate(in at, Window, value, 0), 3);
        if (series.Kind == SignalKind.InferenceRequests && series.Labels["code"] == "500")
        {
            // Every request the pod takes now fails fast: a quiet hour's traffic, all of it 500s.
            return frozen + CounterEffects.Add(failing, in at, 0, FailingRequestsPerSecond);
        }

        return frozen;
    }
}
