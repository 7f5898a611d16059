using System.Globalization;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation;

/// <summary>kube-state-metrics (pod phase, info, restarts, last terminated reason, quotas) and cAdvisor (working set, CFS).</summary>
public sealed partial class SeriesCatalog
{
    /// <summary>The sidecar container a service mesh injects (Istio's name for it).</summary>
    public const string SidecarContainer = "istio-proxy";

    /// <summary>Every deployment's <c>metadata.generation</c> when the simulation starts (it has been rolled out before).</summary>
    public const double InitialGeneration = 7;

    /// <summary>The termination reasons kube-state-metrics reports that the simulated faults produce.</summary>
    public static IReadOnlyList<string> TerminationReasons { get; } = ["Error", "OOMKilled"];

    /// <summary>Quotas leave this much over what a namespace's pods request (hard = ⌈used × headroom⌉).</summary>
    public const double QuotaHeadroom = 1.25;

    private static readonly string[] s_phases = ["Pending", "Running", "Succeeded", "Failed", "Unknown"];

    private static readonly KeyValuePair<string, string>[] s_kubeStateMetrics =
        [L("job", "kube-state-metrics"), L("instance", "kube-state-metrics.kube-system:8080")];

    private void AddKubernetes()
    {
        foreach (var pod in Fleet.Pods)
        {
            KeyValuePair<string, string>[] ksm = [.. s_kubeStateMetrics, L("namespace", pod.Namespace), L("pod", pod.Name), L("uid", pod.Uid)];
            foreach (var phase in s_phases)
            {
                Add(SignalKind.PodPhase, pod.Index, "kube_pod_status_phase", ksm, phase == "Running" ? 1 : 0, L("phase", phase));
            }

            var owner = pod.TrainJob is { } job ? ("PyTorchJob", job.Name) : ("ReplicaSet", pod.Name[..pod.Name.LastIndexOf('-')]);
            Add(SignalKind.PodInfo, pod.Index, "kube_pod_info", ksm, 1, L("node", pod.Node.Hostname), L("created_by_kind", owner.Item1), L("created_by_name", owner.Item2));

            // A few pods restarted before the simulation began (a node drain, a failed image pull): history, not a fault.
            var restarts = StableHash.Unit(StableHash.Combine(_seed, 0x72657374, (ulong)pod.Index)) < 0.03 ? 1 : 0;
            KeyValuePair<string, string>[] container = [.. ksm, L("container", pod.Container)];
            Add(SignalKind.PodRestarts, pod.Index, "kube_pod_container_status_restarts_total", container, restarts);
            // kube-state-metrics reports only the latest reason, and only once a container has terminated: the other
            // reasons (and both, for a pod that never restarted) are absent until a fault terminates the container.
            foreach (var reason in TerminationReasons)
            {
                var history = restarts > 0 && reason == "Error";
                Add(history ? SignalKind.PodLastTerminated : SignalKind.PodAbsent, pod.Index, "kube_pod_container_status_last_terminated_reason", container, 1, L("reason", reason));
            }

            Add(SignalKind.PodAbsent, pod.Index, "kube_pod_container_status_waiting_reason", container, 1, L("reason", "CrashLoopBackOff"));
            Add(SignalKind.PodConstant, pod.Index, "kube_pod_container_resource_limits", container, MemoryLimitBytes(pod), L("resource", "memory"), L("unit", "byte"));
            Add(SignalKind.PodConstant, pod.Index, "kube_pod_container_resource_limits", container, pod.Gpus.Count, L("resource", "nvidia_com_gpu"), L("unit", "integer"));
            // A service-mesh sidecar appears only when injection is switched on for the namespace (a fault).
            Add(SignalKind.PodAbsent, pod.Index, "kube_pod_container_info", [.. ksm, L("container", SidecarContainer)], 1,
                L("image", "docker.io/istio/proxyv2:1.22.3"), L("container_id", $"containerd://{pod.Uid.Replace("-", string.Empty, StringComparison.Ordinal)}"));

            // cAdvisor through the kubelet, with the node label that most relabelings add.
            KeyValuePair<string, string>[] cadvisor =
                [L("job", "kubelet"), L("instance", $"{pod.Node.Hostname}:10250"), L("node", pod.Node.Hostname), L("namespace", pod.Namespace), L("pod", pod.Name), L("container", pod.Container)];
            Add(SignalKind.PodWorkingSet, pod.Index, "container_memory_working_set_bytes", cadvisor);
            Add(SignalKind.PodCfsPeriods, pod.Index, "container_cpu_cfs_periods_total", cadvisor);
            Add(SignalKind.PodCfsThrottled, pod.Index, "container_cpu_cfs_throttled_periods_total", cadvisor);
        }

        foreach (var deployment in Fleet.Deployments)
        {
            KeyValuePair<string, string>[] labels = [.. s_kubeStateMetrics, L("namespace", deployment.Namespace), L("deployment", deployment.Name)];
            Add(SignalKind.DeploymentConstant, deployment.Index, "kube_deployment_metadata_generation", labels, InitialGeneration);
            Add(SignalKind.DeploymentConstant, deployment.Index, "kube_deployment_status_observed_generation", labels, InitialGeneration);
            Add(SignalKind.DeploymentConstant, deployment.Index, "kube_deployment_spec_replicas", labels, deployment.Pods.Count);
            Add(SignalKind.DeploymentConstant, deployment.Index, "kube_deployment_status_replicas_available", labels, deployment.Pods.Count);
        }

        AddQuota(Fleet.TrainingNamespace, Fleet.Pods.Where(p => p.TrainJob is not null).ToList());
        AddQuota(Fleet.InferenceNamespace, Fleet.Pods.Where(p => p.Deployment is not null).ToList());
    }

    private void AddQuota(string @namespace, List<FleetPod> pods)
    {
        if (pods.Count == 0)
        {
            return;
        }

        var gpus = pods.Sum(p => p.Gpus.Count);
        var index = @namespace == Fleet.TrainingNamespace ? 0 : 1;
        KeyValuePair<string, string>[] quota = [.. s_kubeStateMetrics, L("namespace", @namespace), L("resourcequota", "compute")];
        // Requests per GPU as our users size them: 12 cores and 200 GiB of host memory for each GPU.
        foreach (var (resource, used) in new[] { ("requests.nvidia.com/gpu", gpus), ("requests.cpu", gpus * 12.0), ("requests.memory", gpus * 200.0 * (1L << 30)) })
        {
            // Quotas leave a quarter of headroom, so healthy namespaces never hit them.
            Add(SignalKind.QuotaHard, index, "kube_resourcequota", quota, Math.Ceiling(used * QuotaHeadroom), L("resource", resource), L("type", "hard"));
            Add(SignalKind.QuotaUsed, index, "kube_resourcequota", quota, used, L("resource", resource), L("type", "used"));
        }
    }

    /// <summary>The container's memory limit: its request plus headroom (host memory per GPU as users size it).</summary>
    public static double MemoryLimitBytes(FleetPod pod) => (pod.TrainJob is not null ? 256.0 : 48.0) * (1L << 30) * Math.Max(1, pod.TrainJob is not null ? pod.Gpus.Count / 8.0 : 1);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
