using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// Service-mesh injection is switched on for the training namespace and the job's pods come back with an
/// <c>istio-proxy</c> sidecar that intercepts every TCP port, the rendezvous and NCCL's bootstrap among them. Envoy
/// cannot route the peer-to-peer connections, so rendezvous fails with grpc status 14 (UNAVAILABLE), the trainers
/// exit and restart over and over, and the job makes no progress. Distinguishing evidence: the sidecar container
/// appears in <c>kube_pod_container_info</c>, restarts climb with reason <c>Error</c>, and the GPUs are IDLE (util 0,
/// memory empty: the processes never get past rendezvous), unlike <see cref="NcclTimeout"/>, whose GPUs spin at full
/// utilisation; no NIC errors, no watchdog timeouts.
/// </summary>
public sealed class SidecarInterference : Fault
{
    // Each trainer gives up on rendezvous and exits this long after it starts (sooner in a short fault); kubelet restarts it.
    private const long LongestRestartEveryMs = 300_000;

    // The pods are recreated with the sidecar shortly after injection is switched on.
    private const long InjectedAfterMs = 20_000;
    private const double FbReservedMiB = 519;

    private readonly TrainingJob _job;

    public SidecarInterference(Fleet fleet, TrainingJob job, FaultWindow window, ulong key)
        : base(fleet, FaultKind.SidecarInterference, job.Id, window, key)
    {
        _job = job;
        RestartEveryMs = Math.Max(1, Math.Min(LongestRestartEveryMs, (window.EndMs - window.StartMs) / 4));
        Affected = [.. TrainingEffects.JobEntities(job)];
    }

    /// <summary>How often each trainer exits and is restarted.</summary>
    public long RestartEveryMs { get; }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"istio sidecar injection is enabled for namespace {_job.Namespace}; the istio-proxy in {_job.Name}'s pods breaks rendezvous (grpc status 14) and the job stops";

    public override bool Affects(in SimulatedSeries series)
    {
        if (series.Kind.IsGpu())
        {
            return Fleet.Gpus[series.Entity].Pod?.TrainJob == _job;
        }

        if (series.Kind.IsRank())
        {
            return TrainingEffects.IsRankOf(in series, Fleet, _job);
        }

        return series.Kind.IsPod() && Fleet.Pods[series.Entity].TrainJob == _job
            && (series.Kind == SignalKind.PodRestarts
                || TrainingLogs.Is(in series, "kube_pod_container_info", "container", SeriesCatalog.SidecarContainer)
                || TrainingLogs.Is(in series, "kube_pod_container_status_last_terminated_reason", "reason", "Error"));
    }

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        var exits = Exits(at.TimestampMs);
        switch (series.Kind)
        {
            case SignalKind.PodRestarts:
                return value + exits;
            case SignalKind.PodAbsent or SignalKind.PodLastTerminated when series.Labels.MetricName == "kube_pod_container_status_last_terminated_reason":
                return exits > 0 ? 1 : value;
            case SignalKind.PodAbsent:
                return Window.Contains(at.TimestampMs) && at.TimestampMs >= Window.StartMs + InjectedAfterMs ? 1 : value;
            case SignalKind.GpuEnergy:
                return Math.Floor(CounterEffects.ScaleRate(in at, Window, value, 0.12));
            case SignalKind.GpuNvlinkBandwidth:
                return Math.Floor(CounterEffects.ScaleRate(in at, Window, value, 0));
            case var kind when kind.IsRank():
                return TrainingEffects.Stall(in series, in at, Window, value);
        }

        if (!Active(in at))
        {
            return value;
        }

        // No process gets far enough to allocate memory or launch a kernel: the GPUs look like unused ones.
        return series.Kind switch
        {
            SignalKind.GpuUtil or SignalKind.GpuTensorActive or SignalKind.GpuGrEngineActive or SignalKind.GpuMemCopyUtil or SignalKind.GpuFbUsed => 0,
            SignalKind.GpuFbFree => Fleet.FramebufferMiB - FbReservedMiB,
            SignalKind.GpuPower => Math.Round(70 + (3 * Noise(in series, in at)), 3),
            SignalKind.GpuSmClock => 345,
            SignalKind.GpuClockThrottleReasons => 1,
            SignalKind.GpuTemp => Math.Round(Math.Min(value, 34 + (0.8 * Noise(in series, in at)))),
            SignalKind.GpuMemoryTemp => Math.Round(Math.Min(value, 38 + (0.8 * Noise(in series, in at)))),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var injected = Window.StartMs + InjectedAfterMs;
        foreach (var pod in _job.Pods)
        {
            if (Within(injected, fromMs, toMs))
            {
                yield return TrainingLogs.Kubelet(injected, LogSeverity.Info, pod, $"Created container {SeriesCatalog.SidecarContainer}");
                yield return TrainingLogs.Kubelet(injected + 1, LogSeverity.Info, pod, $"Started container {SeriesCatalog.SidecarContainer}");
            }

            foreach (var t in Every(injected + 30_000, 30_000, fromMs, toMs))
            {
                yield return TrainingLogs.Container(t, LogSeverity.Error, pod, string.Create(CultureInfo.InvariantCulture,
                    $"rendezvous with {_job.Name}-worker-0:29400 failed: grpc status 14 (UNAVAILABLE): upstream connect error or disconnect/reset before headers. reset reason: connection failure"));
                yield return new SimulatedLog(t + 1, LogSource.Container, LogSeverity.Info, pod.Node, pod, SeriesCatalog.SidecarContainer, string.Create(CultureInfo.InvariantCulture,
                    $"[{DateTimeOffset.FromUnixTimeMilliseconds(t):yyyy-MM-ddTHH:mm:ss.fffZ}] \"- - -\" 0 UF,URX - - \"-\" 0 0 10002 - \"-\" \"-\" \"-\" \"-\" \"10.42.{_job.Pods[0].Node.Index}.17:29400\" PassthroughCluster - 10.42.{_job.Pods[0].Node.Index}.17:29400 10.42.{pod.Node.Index}.21:{40000 + (t / 1000 % 20000)} - -"));
            }

            foreach (var t in Every(Window.StartMs + RestartEveryMs, RestartEveryMs, fromMs, toMs))
            {
                yield return TrainingLogs.Kubelet(t, LogSeverity.Warn, pod, $"Back-off restarting failed container {pod.Container} in pod {pod.Name}_{pod.Namespace}({pod.Uid})");
            }
        }
    }

    // How many times each trainer has exited by a time: once per restart interval while the fault lasts.
    private long Exits(long timestampMs) =>
        Math.Max(0, (Math.Min(timestampMs, Window.EndMs - 1) - Window.StartMs) / RestartEveryMs);
}
