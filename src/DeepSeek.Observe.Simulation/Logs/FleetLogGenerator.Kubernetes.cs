using DeepSeek.Observe.Simulation.Faults;
using static System.FormattableString;

namespace DeepSeek.Observe.Simulation.Logs;

/// <summary>Kubernetes events about the fleet's pods, as <c>type reason: message</c>: the start-up sequence, then quiet checks.</summary>
public sealed partial class FleetLogGenerator
{
    private const string TrainingImage = "registry.cluster.internal/ml/trainer:2.4.1-cuda12.4";
    private const string ServingImage = "registry.cluster.internal/ml/llm-server:0.9.3-cuda12.4";

    private SimulatedLog KubernetesLine(FleetPod pod, long timestampMs, ref LineDraws draws)
    {
        var serving = pod.Deployment is not null;
        var (level, body) = draws.Int(0, 10) switch
        {
            <= 5 when serving => Info(Invariant($"Normal ProbeSucceeded: Readiness probe passed: GET http://{PodIp(pod)}:8000/health returned 200 in {draws.Int(1, 12)}ms")),
            <= 5 => Info("Normal ProbeSucceeded: Liveness probe passed: exec [/bin/sh -c test -f /tmp/heartbeat] exited 0"),
            6 or 7 => Info(Invariant($"Normal Sync: pod status synced (phase Running, ready 1/1, restarts 0) on {pod.Node.Hostname}")),
            // Pods on nodes whose resolv.conf lists more than three nameservers get this on every sync: noisy, harmless.
            8 => (LogSeverity.Warn, "Warning DNSConfigForming: Nameserver limits exceeded; only the first three were applied: 10.96.0.10 10.40.0.2 10.40.0.3"),
            _ => Info(Invariant($"Normal VolumeMounted: MountVolume.SetUp succeeded for volume \"kube-api-access-{draws.Hex(5)}\"")),
        };
        return new SimulatedLog(timestampMs, LogSource.Kubernetes, level, pod.Node, pod, pod.Container, body);
    }

    /// <summary>Scheduled → pulled → started, a few seconds into the run; returns when the container started.</summary>
    private long KubernetesStartup(FleetPod pod, ref LineDraws draws, Action<SimulatedLog> add)
    {
        var image = pod.TrainJob is not null ? TrainingImage : ServingImage;
        var t = _time.StartMs + draws.Int(0, 20_000);
        SimulatedLog Event(long at, string body) => new(at, LogSource.Kubernetes, LogSeverity.Info, pod.Node, pod, pod.Container, body);
        add(Event(t, $"Normal Scheduled: Successfully assigned {pod.Namespace}/{pod.Name} to {pod.Node.Hostname}"));
        t += draws.Int(300, 1_500);
        add(Event(t, $"Normal Pulling: Pulling image \"{image}\""));
        var pullMs = draws.Int(8_000, 45_000);
        t += pullMs;
        add(Event(t, Invariant($"Normal Pulled: Successfully pulled image \"{image}\" in {pullMs / 1000.0:F3}s. Image size: {draws.Int(9_000_000, 14_000_000)}412 bytes.")));
        t += draws.Int(100, 600);
        add(Event(t, $"Normal Created: Created container {pod.Container}"));
        t += draws.Int(100, 900);
        add(Event(t, $"Normal Started: Started container {pod.Container}"));
        return t;
    }

    private string PodIp(FleetPod pod) =>
        Invariant($"10.{128 + (pod.Node.Index / 250)}.{pod.Node.Index % 250}.{2 + (Internal.StableHash.Combine(_seed, 0x1B, (ulong)pod.Index) % 250)}");
}
