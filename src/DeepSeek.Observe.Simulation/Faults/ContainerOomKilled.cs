using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A container leaks host memory (a data-loader cache, a request log kept in memory) until its working set reaches
/// the cgroup's memory limit and the kernel's OOM killer ends it; the leak starts over after each restart, so it is
/// killed again every cycle while the fault lasts. On the pod: <c>container_memory_working_set_bytes</c> climbs to
/// <c>kube_pod_container_resource_limits{resource="memory"}</c> and drops, restarts go up by one per kill, and
/// <c>kube_pod_container_status_last_terminated_reason{reason="OOMKilled"}</c> appears (an older <c>Error</c> reason
/// goes stale). While it restarts, a training job stalls and an inference pod serves nothing (see <see cref="PodOutage"/>).
/// Unlike <see cref="FaultKind.CudaOutOfMemory"/> (GPU framebuffer full, the process exits with reason <c>Error</c>),
/// the evidence is host memory: the working set at the limit, the OOMKilled reason, a memory-cgroup OOM kernel line.
/// </summary>
public sealed class ContainerOomKilled : Fault
{
    private const double GiB = 1L << 30;

    private readonly FleetPod _pod;
    private readonly double _limit;
    private readonly double _leakSeconds;
    private readonly double _downSeconds;
    private readonly List<FaultWindow> _outages;
    private readonly PodOutage _outage;

    public ContainerOomKilled(Fleet fleet, FleetPod pod, FaultWindow window, ulong key)
        : base(fleet, FaultKind.ContainerOomKilled, pod.Id, window, key)
    {
        _pod = pod;
        _limit = SeriesCatalog.MemoryLimitBytes(pod);
        // A short fault still sees at least one kill: the leak fills the limit within the first half of it.
        _leakSeconds = Math.Min(540 + (300 * Draw(1)), 0.45 * window.DurationSeconds);
        // A trainer comes back after a rendezvous and a checkpoint load; a server after loading its weights.
        _downSeconds = Math.Min(pod.TrainJob is not null ? 150 + (120 * Draw(2)) : 60 + (60 * Draw(2)), 0.2 * window.DurationSeconds);
        var outages = new List<FaultWindow>();
        var cycleMs = Math.Max(1, (long)((_leakSeconds + _downSeconds) * 1000));
        for (var kill = window.StartMs + (long)(_leakSeconds * 1000); kill < window.EndMs; kill += cycleMs)
        {
            outages.Add(new FaultWindow(kill, Math.Min(window.EndMs, kill + (long)(_downSeconds * 1000))));
        }

        _outages = outages;
        _outage = new PodOutage(fleet, pod, outages, key);
        Affected = [pod.Id, .. _outage.Entities];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"Container {_pod.Container} of pod {_pod.Name} leaks host memory to its {_limit / GiB:0} GiB limit and is OOMKilled {_outages.Count} time(s)"
        + (_pod.TrainJob is { } job ? $"; {job.Name} stalls while it restarts" : _pod.Deployment is { } deployment ? $"; {deployment.Name} loses a replica while it restarts" : string.Empty);

    /// <summary>When the container is killed and restarting (the kill is each outage's start).</summary>
    public IReadOnlyList<FaultWindow> Outages => _outages;

    public override bool Affects(in SimulatedSeries series) =>
        (series.Kind.IsPod() && !series.Kind.IsInference() && series.Entity == _pod.Index && IsOwnSeries(in series)) || _outage.Affects(in series);

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Entity != _pod.Index || !series.Kind.IsPod() || series.Kind.IsInference())
        {
            return _outage.Apply(in series, in at, value);
        }

        var now = at.TimestampMs;
        var kills = _outages.Count(o => o.StartMs <= now);
        return series.Labels.MetricName switch
        {
            "kube_pod_container_status_restarts_total" => value + kills,
            // kube-state-metrics keeps the latest reason until the next termination: OOMKilled from the first kill on.
            "kube_pod_container_status_last_terminated_reason" when kills > 0 => series.Labels["reason"] == "OOMKilled" ? 1 : SimulatedValue.Absent,
            "container_memory_working_set_bytes" when Active(in at) => WorkingSet(in at, value),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var node = _pod.Node;
        var process = _pod.TrainJob is not null ? "python" : "python3";
        for (var i = 0; i < _outages.Count; i++)
        {
            var kill = _outages[i].StartMs;
            if (!Within(kill, fromMs, toMs))
            {
                continue;
            }

            var pid = 20_000 + (int)(Draw(10 + (ulong)i) * 40_000);
            var rssKb = (long)(_limit / 1024 * 0.97);
            yield return new SimulatedLog(kill, LogSource.Kernel, LogSeverity.Warn, node, null, null,
                $"{process} invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=999");
            yield return new SimulatedLog(kill, LogSource.Kernel, LogSeverity.Error, node, null, null,
                $"Memory cgroup out of memory: Killed process {pid} ({process}) total-vm:{rssKb * 3 / 2}kB, anon-rss:{rssKb}kB, file-rss:{rssKb / 200}kB, shmem-rss:0kB, UID:1000 pgtables:{rssKb / 500}kB oom_score_adj:999");
            yield return new SimulatedLog(kill + 1000, LogSource.Kubernetes, LogSeverity.Warn, node, _pod, _pod.Container,
                string.Create(CultureInfo.InvariantCulture, $"Container {_pod.Container} in pod {_pod.Namespace}/{_pod.Name} terminated: reason=OOMKilled exitCode=137; restarting (restartCount={i + 1})"));
        }

        foreach (var outage in _outages)
        {
            if (Within(outage.EndMs, fromMs, toMs) && outage.EndMs < Window.EndMs)
            {
                yield return new SimulatedLog(outage.EndMs, LogSource.Kubernetes, LogSeverity.Info, node, _pod, _pod.Container, $"Started container {_pod.Container}");
            }
        }
    }

    // The pod's own Kubernetes and cAdvisor series that the kill changes.
    private static bool IsOwnSeries(in SimulatedSeries series) => series.Labels.MetricName is
        "kube_pod_container_status_restarts_total" or "kube_pod_container_status_last_terminated_reason" or "container_memory_working_set_bytes";

    // Climbs from the healthy working set to just under the limit through each leak, then refills from nothing while the container restarts.
    private double WorkingSet(in ConditionContext at, double healthy)
    {
        var cycle = (_leakSeconds + _downSeconds) * 1000;
        var phase = (Window.ElapsedSeconds(at.TimestampMs) * 1000 % cycle) / 1000;
        if (phase >= _leakSeconds)
        {
            return Math.Round(healthy * (phase - _leakSeconds) / _downSeconds);
        }

        var leaked = Math.Min(1, phase / _leakSeconds);
        return Math.Round(Math.Min(_limit - (64 << 20), healthy + ((_limit - healthy) * leaked)));
    }
}
