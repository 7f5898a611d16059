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

    private readonly TrainingRank _rank;
    private readonly TrainingJob _job;
    private readonly double _freeMiB;
    private readonly RatePhase[] _phases;

    public CudaOutOfMemory(Fleet fleet, TrainingRank rank, FaultWindow window, ulong key)
        : base(fleet, FaultKind.CudaOutOfMemory, rank.Id, window, key)
    {
        _rank = rank;
        _job = rank.Job;
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
        Affected = [rank.Id, rank.Pod.Id, rank.Gpu.Id, .. TrainingEffects.JobEntities(_job).Where(e => e != rank.Id && e != rank.Pod.Id && e != rank.Gpu.Id)];
    }

    /// <summary>How long memory climbs after a (re)start before the allocation fails.</summary>
    public long ClimbMs { get; }

    /// <summary>From a failure to the job running again.</summary>
    public long RestartMs { get; }

    /// <summary>When the rank's allocations fail (unix ms), each followed by a restart.</summary>
    public IReadOnlyList<long> Failures { get; }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"rank {_rank.Rank} of {_job.Name} (GPU {_rank.Gpu.Gpu} on {_rank.Pod.Node.Hostname}) runs out of GPU memory; {_rank.Pod.Name} restarts and the job stalls";

    public override bool Affects(in SimulatedSeries series) =>
        TrainingEffects.IsRankOf(in series, Fleet, _job)
        || (series.Kind.IsGpu() && Fleet.Gpus[series.Entity].Pod?.TrainJob == _job)
        || (series.Kind == SignalKind.PodRestarts && series.Entity == _rank.Pod.Index)
        || (series.Kind is SignalKind.PodAbsent or SignalKind.PodLastTerminated && series.Entity == _rank.Pod.Index
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
        }

        if (!Active(in at) || !series.Kind.IsGpu())
        {
            return value;
        }

        var gpu = Fleet.Gpus[series.Entity];
        if (Down(at.TimestampMs) is null)
        {
            return gpu == _rank.Gpu ? Filling(in series, in at, value) : value;
        }

        // The crashed pod's GPUs are empty and idle while it restarts; the other pods' ranks wait in NCCL meanwhile.
        return gpu.Pod != _rank.Pod
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
        var pod = _rank.Pod;
        var local = TrainingLogs.LocalRank(_rank);
        foreach (var t in Failures)
        {
            var tried = 1 + Math.Round(3 * Draw((ulong)t), 2);
            var allocated = 74 + Math.Round(3 * Draw((ulong)t ^ 0xA1), 2);
            if (Within(t, fromMs, toMs))
            {
                yield return TrainingLogs.Trainer(t, LogLevel.Error, pod, string.Create(CultureInfo.InvariantCulture,
                    $"[rank{_rank.Rank}]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate {tried:0.00} GiB. GPU {local} has a total capacity of 79.19 GiB of which {_freeMiB:0} MiB is free. Including non-PyTorch memory, this process has 79.17 GiB memory in use. Of the allocated memory {allocated:0.00} GiB is allocated by PyTorch, and {79.17 - allocated - 0.5:0.00} GiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation."));
            }

            if (Within(t + 2_000, fromMs, toMs))
            {
                yield return TrainingLogs.Trainer(t + 2_000, LogLevel.Error, pod, string.Create(CultureInfo.InvariantCulture,
                    $"torch.distributed.elastic.multiprocessing.api: [ERROR] failed (exitcode: 1) local_rank: {local} (pid: {3100 + local}) of binary: /usr/bin/python3"));
            }

            if (Within(t + ExitMs, fromMs, toMs))
            {
                yield return TrainingLogs.Kubelet(t + ExitMs, LogLevel.Warn, pod,
                    $"Container {pod.Container} in pod {pod.Namespace}/{pod.Name} terminated (exit code 1, reason Error); restarting");
            }

            if (Within(t + ExitMs + 5_000, fromMs, toMs))
            {
                yield return TrainingLogs.Kubelet(t + ExitMs + 5_000, LogLevel.Info, pod, $"Started container {pod.Container}");
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
