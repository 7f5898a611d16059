using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// A container that exits at start-up (a config change it cannot parse, a secret that is not mounted) and which the
/// kubelet keeps restarting with its back-off: 10 s, 20 s, 40 s … capped at 5 minutes. On the pod: restarts climb on
/// that schedule, <c>kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}</c> is present while it backs
/// off, <c>kube_pod_container_status_last_terminated_reason{reason="Error"}</c> is present (not OOMKilled: the working
/// set never nears the limit; it disappears, as cAdvisor has no running container to measure), and the pod does no
/// work: a training job stalls for the whole fault, an inference deployment has a replica fewer and the others take
/// its traffic (see <see cref="PodOutage"/>). When the config is fixed the next start succeeds.
/// </summary>
public sealed class CrashLoop : Fault
{
    private const double MaxBackOffSeconds = 300;

    private static readonly string[] s_causes =
    [
        "KeyError: 'model.tokenizer_path' (missing from /etc/config/serving.yaml)",
        "FileNotFoundError: [Errno 2] No such file or directory: '/var/run/secrets/registry/token'",
        "yaml.scanner.ScannerError: mapping values are not allowed here in \"/etc/config/serving.yaml\", line 14, column 17",
    ];

    private readonly FleetPod _pod;
    private readonly string _cause;
    private readonly IReadOnlyList<(long Crash, long Restart)> _crashes;
    private readonly PodOutage _outage;

    public CrashLoop(Fleet fleet, FleetPod pod, FaultWindow window, ulong key)
        : base(fleet, FaultKind.CrashLoop, pod.Id, window, key)
    {
        _pod = pod;
        _cause = s_causes[(int)(Draw(1) * s_causes.Length)];
        // Each start fails after a few seconds of initialisation; the kubelet doubles its back-off after every failure.
        var runMs = (long)(2000 + (4000 * Draw(2)));
        var crashes = new List<(long, long)>();
        var backOff = 10.0;
        for (var crash = window.StartMs; crash < window.EndMs; backOff = Math.Min(MaxBackOffSeconds, backOff * 2))
        {
            var restart = crash + (long)(backOff * 1000);
            crashes.Add((crash, restart));
            crash = restart + runMs;
        }

        _crashes = crashes;
        _outage = new PodOutage(fleet, pod, [window], key);
        Affected = [pod.Id, .. _outage.Entities];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"Container {_pod.Container} of pod {_pod.Name} fails at start-up ({_cause[.._cause.IndexOf(':', StringComparison.Ordinal)]}) and crash-loops with back-off"
        + (_pod.TrainJob is { } job ? $"; {job.Name} stalls" : _pod.Deployment is { } deployment ? $"; {deployment.Name} runs a replica short" : string.Empty);

    public override bool Affects(in SimulatedSeries series) =>
        (series.Kind.IsPod() && !series.Kind.IsInference() && series.Entity == _pod.Index && IsOwnSeries(in series)) || _outage.Affects(in series);

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Entity != _pod.Index || !series.Kind.IsPod() || series.Kind.IsInference())
        {
            return _outage.Apply(in series, in at, value);
        }

        if (!Window.HasStarted(at.TimestampMs))
        {
            return value;
        }

        var t = at.TimestampMs;
        var active = Active(in at);
        return series.Labels.MetricName switch
        {
            // Each back-off ends in a restart; the fixed container's start at the end is one more.
            "kube_pod_container_status_restarts_total" => value + Restarts(t) + (active ? 0 : 1),
            "kube_pod_container_status_last_terminated_reason" => series.Labels["reason"] == "Error" ? 1 : SimulatedValue.Absent,
            "kube_pod_container_status_waiting_reason" => active && BackingOff(t) ? 1 : SimulatedValue.Absent,
            "container_memory_working_set_bytes" or "container_cpu_cfs_periods_total" or "container_cpu_cfs_throttled_periods_total" when active && BackingOff(t) => SimulatedValue.Absent,
            // A container that dies during initialisation never gets far: a few hundred MiB.
            "container_memory_working_set_bytes" when active => Math.Round((300 + (100 * Noise(in series, in at))) * (1 << 20)),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var node = _pod.Node;
        foreach (var (crash, restart) in _crashes)
        {
            if (Within(crash, fromMs, toMs))
            {
                yield return new SimulatedLog(crash, LogSource.Container, LogSeverity.Fatal, node, _pod, _pod.Container, _cause);
            }

            if (Within(crash + 1000, fromMs, toMs))
            {
                yield return new SimulatedLog(crash + 1000, LogSource.Kubernetes, LogSeverity.Warn, node, _pod, _pod.Container,
                    $"Back-off restarting failed container {_pod.Container} in pod {_pod.Name}_{_pod.Namespace}({_pod.Uid})");
            }
        }

        if (Within(Window.EndMs, fromMs, toMs))
        {
            yield return new SimulatedLog(Window.EndMs, LogSource.Kubernetes, LogSeverity.Info, node, _pod, _pod.Container, $"Started container {_pod.Container}");
        }
    }

    private static bool IsOwnSeries(in SimulatedSeries series) => series.Labels.MetricName is
        "kube_pod_container_status_restarts_total" or "kube_pod_container_status_last_terminated_reason" or "kube_pod_container_status_waiting_reason"
        or "container_memory_working_set_bytes" or "container_cpu_cfs_periods_total" or "container_cpu_cfs_throttled_periods_total";

    private int Restarts(long timestampMs) => _crashes.Count(c => c.Restart <= timestampMs && c.Restart < Window.EndMs);

    private bool BackingOff(long timestampMs) => _crashes.Any(c => timestampMs >= c.Crash && timestampMs < c.Restart);
}
