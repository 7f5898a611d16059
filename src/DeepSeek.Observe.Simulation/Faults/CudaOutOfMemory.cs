using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// One rank's process runs its GPU out of memory (fragmentation in the caching allocator, activations of an
/// unusually long batch): FB_USED on its GPU climbs to the framebuffer and FB_FREE to almost nothing, then the
/// allocation fails with <c>torch.OutOfMemoryError</c>, torchrun exits with an error and the pod's trainer container
/// restarts (restarts +1, last terminated reason <c>Error</c>). The job stalls while it restarts and reloads, then the
/// same rank fills its memory again: a cycle every ten minutes while the fault lasts. Distinguishing evidence: the
/// device's framebuffer is full and the reason is <c>Error</c> with a CUDA error in the log; host memory (the
/// container's working set) is untouched, unlike <see cref="FaultKind.ContainerOomKilled"/> (reason <c>OOMKilled</c>).
/// In a fleet without training the root is an inference pod instead (a KV cache or batch too large): the same
/// signature on its GPU and pod, and while it restarts it serves nothing and its deployment is one replica short.
/// </summary>
public sealed class CudaOutOfMemory : Fault
{
    // How long memory climbs after a (re)start before the allocation fails, and how long from the failure to the job
    // running again (container restart, rendezvous, checkpoint load); both shrink to fit a short fault.
    private const long LongestClimbMs = 420_000;
    private const long LongestRestartMs = 180_000;

    // kubelet notices the exit and restarts the container within seconds.
    private const long ExitMs = 10_000;
    private const double FbReservedMiB = 519;

    private readonly TrainingRank? _rank;
    private readonly TrainingJob? _job;
    private readonly FleetPod _pod;
    private readonly FleetGpu _gpu;
    private readonly double _freeMiB;
    private readonly RatePhase[] _phases;

    /// <summary>A training rank runs out of GPU memory: the root is the rank.</summary>
    public CudaOutOfMemory(Fleet fleet, TrainingRank rank, FaultWindow window, ulong key)
        : this(fleet, rank.Id, rank.Pod, rank.Gpu, rank, window, key)
    {
    }

    /// <summary>An inference server runs out of GPU memory: the root is its pod.</summary>
    public CudaOutOfMemory(Fleet fleet, FleetPod inferencePod, FaultWindow window, ulong key)
        : this(fleet, inferencePod.Id, inferencePod, inferencePod.Gpus[0], null, window, key)
    {
        if (inferencePod.Deployment is null)
        {
            throw new ArgumentException("a training pod's CUDA OOM is rooted at its rank", nameof(inferencePod));
        }
    }

    private CudaOutOfMemory(Fleet fleet, EntityId root, FleetPod pod, FleetGpu gpu, TrainingRank? rank, FaultWindow window, ulong key)
        : base(fleet, FaultKind.CudaOutOfMemory, root, window, key)
    {
        _rank = rank;
        _job = rank?.Job;
        _pod = pod;
        _gpu = gpu;
        _freeMiB = 12 + Math.Round(180 * Draw(1));
        ClimbMs = Math.Max(1, Math.Min(LongestClimbMs, (window.EndMs - window.StartMs) * 4 / 10));
        RestartMs = Math.Max(1, Math.Min(LongestRestartMs, (window.EndMs - window.StartMs) * 2 / 10));
        var failures = new List<long>();
        for (var t = window.StartMs + ClimbMs; t < window.EndMs; t += ClimbMs + RestartMs)
        {
            failures.Add(t);
        }

        Failures = failures;
        _phases = [.. failures.SelectMany(t => new[] { new RatePhase(t, 0), new RatePhase(Math.Min(t + RestartMs, window.EndMs), 1) })];
        EntityId[] first = rank is null ? [pod.Id, gpu.Id, pod.Deployment!.Id] : [rank.Id, pod.Id, gpu.Id];
        Affected = [.. first, .. (_job is null ? [] : TrainingEffects.JobEntities(_job)).Where(e => !first.Contains(e))];
    }

    /// <summary>How long memory climbs after a (re)start before the allocation fails.</summary>
    public long ClimbMs { get; }

    /// <summary>From a failure to the job running again.</summary>
    public long RestartMs { get; }

    /// <summary>When the rank's allocations fail (unix ms), each followed by a restart.</summary>
    public IReadOnlyList<long> Failures { get; }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description => _rank is { } rank
        ? $"rank {rank.Rank} of {rank.Job.Name} (GPU {_gpu.Gpu} on {_pod.Node.Hostname}) runs out of GPU memory; {_pod.Name} restarts and the job stalls"
        : $"inference pod {_pod.Name} of {_pod.Deployment!.Name} (GPU {_gpu.Gpu} on {_pod.Node.Hostname}) runs out of GPU memory and restarts";

    public override bool Affects(in SimulatedSeries series) =>
        (_job is not null && TrainingEffects.IsRankOf(in series, Fleet, _job))
        || (series.Kind.IsGpu() && (Fleet.Gpus[series.Entity] == _gpu || (_job is not null && Fleet.Gpus[series.Entity].Pod?.TrainJob == _job)))
        || (series.Kind.IsInference() && series.Entity == _pod.Index && series.Kind != SignalKind.InferenceQuality)
        || (series.Kind.IsDeployment() && _pod.Deployment is { } deployment && series.Entity == deployment.Index
            && series.Labels.MetricName == "kube_deployment_status_replicas_available")
        || (series.Kind == SignalKind.PodRestarts && series.Entity == _pod.Index)
        || (series.Kind is SignalKind.PodAbsent or SignalKind.PodLastTerminated && series.Entity == _pod.Index
            && TrainingLogs.Is(in series, "kube_pod_container_status_last_terminated_reason", "reason", "Error"));

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        var now = at.TimestampMs;
        var exits = Failures.Count(t => t + ExitMs <= now);
        switch (series.Kind)
        {
            case SignalKind.PodRestarts:
                return value + exits;
            case SignalKind.PodAbsent or SignalKind.PodLastTerminated:
                // kube-state-metrics keeps the last termination until the container terminates again.
                return exits > 0 ? 1 : value;
            case SignalKind.TrainSteps:
                return Math.Floor(CounterPhases.Scale(in at, value, _phases, Window.EndMs));
            case var kind when kind.IsRank():
                return Down(at.TimestampMs) is { } down ? TrainingEffects.Stall(in series, in at, down, value) : value;
            case SignalKind.InferenceQueueDepth:
                return Down(at.TimestampMs) is null ? value : 0;
            case var kind when kind.IsInference():
                // The Service sends nothing to a restarting pod: its request counters hold.
                return CounterPhases.Scale(in at, value, _phases, Window.EndMs);
            case var kind when kind.IsDeployment():
                return Down(at.TimestampMs) is null ? value : value - 1;
        }

        if (!Active(in at) || !series.Kind.IsGpu())
        {
            return value;
        }

        var gpu = Fleet.Gpus[series.Entity];
        if (Down(at.TimestampMs) is null)
        {
            return gpu == _gpu ? Filling(in series, in at, value) : value;
        }

        // The crashed pod's GPUs are empty and idle while it restarts; the other pods' ranks wait in NCCL meanwhile.
        return gpu.Pod != _pod
            ? series.Kind == SignalKind.GpuTensorActive ? 0 : value
            : series.Kind switch
            {
                SignalKind.GpuUtil or SignalKind.GpuTensorActive or SignalKind.GpuGrEngineActive or SignalKind.GpuMemCopyUtil or SignalKind.GpuFbUsed => 0,
                SignalKind.GpuFbFree => Fleet.FramebufferMiB - FbReservedMiB,
                SignalKind.GpuPower => Math.Round(72 + (3 * Noise(in series, in at)), 3),
                SignalKind.GpuSmClock => 345,
                SignalKind.GpuClockThrottleReasons => 1,
                _ => value,
            };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var pod = _pod;
        var local = _gpu.Gpu;
        var prefix = _rank is { } rank ? $"[rank{rank.Rank}]: " : string.Empty;
        foreach (var t in Failures)
        {
            var tried = 1 + Math.Round(3 * Draw((ulong)t), 2);
            var allocated = 74 + Math.Round(3 * Draw((ulong)t ^ 0xA1), 2);
            if (Within(t, fromMs, toMs))
            {
                yield return TrainingLogs.Container(t, LogSeverity.Error, pod, string.Create(CultureInfo.InvariantCulture,
                    $"{prefix}torch.OutOfMemoryError: CUDA out of memory. Tried to allocate {tried:0.00} GiB. GPU {local} has a total capacity of 79.19 GiB of which {_freeMiB:0} MiB is free. Including non-PyTorch memory, this process has 79.17 GiB memory in use. Of the allocated memory {allocated:0.00} GiB is allocated by PyTorch, and {79.17 - allocated - 0.5:0.00} GiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation."));
            }

            if (Within(t + 2_000, fromMs, toMs))
            {
                yield return TrainingLogs.Container(t + 2_000, LogSeverity.Error, pod, _rank is null
                    ? "engine core died (CUDA out of memory while allocating the KV cache for a batch); server exiting with status 1"
                    : string.Create(CultureInfo.InvariantCulture, $"torch.distributed.elastic.multiprocessing.api: [ERROR] failed (exitcode: 1) local_rank: {local} (pid: {3100 + local}) of binary: /usr/bin/python3"));
            }

            if (Within(t + ExitMs, fromMs, toMs))
            {
                yield return TrainingLogs.Kubelet(t + ExitMs, LogSeverity.Warn, pod,
                    $"Container {pod.Container} in pod {pod.Namespace}/{pod.Name} terminated (exit code 1, reason Error); restarting");
            }

            if (Within(t + ExitMs + 5_000, fromMs, toMs))
            {
                yield return TrainingLogs.Kubelet(t + ExitMs + 5_000, LogSeverity.Info, pod, $"Started container {pod.Container}");
            }
        }
    }

    // The caching allocator's footprint grows from the healthy level to the whole framebuffer, then holds there for the
    // last seventh of the climb (allocations still fit in fragments) until one large enough does not.
    private double Filling(in SimulatedSeries series, in ConditionContext at, double value)
    {
        var sinceStart = (at.TimestampMs - Window.StartMs) % (ClimbMs + RestartMs);
        var progress = Math.Min(1, sinceStart / (ClimbMs * 6 / 7.0));
        var full = Fleet.FramebufferMiB - FbReservedMiB - _freeMiB;
        return series.Kind switch
        {
            SignalKind.GpuFbUsed => Math.Round(value + ((full - value) * progress)),
            SignalKind.GpuFbFree => Math.Round(value - ((value - _freeMiB) * progress)),
            _ => value,
        };
    }

    // The restart the job is in at a time, if any.
    private FaultWindow? Down(long timestampMs)
    {
        foreach (var t in Failures)
        {
            if (timestampMs >= t && timestampMs < Math.Min(t + RestartMs, Window.EndMs))
            {
                return new FaultWindow(t, Math.Min(t + RestartMs, Window.EndMs));
            }
        }

        return null;
    }
}
