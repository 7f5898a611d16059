using DeepSeek.Observe.Simulation.Faults;

namespace DeepSeek.Observe.Simulation.Otlp;

/// <summary>
/// The OpenTelemetry resource a line is logged under, with the semantic-convention attributes a collector's
/// k8sattributes and resourcedetection processors add, so the receiver maps each stream to the node or pod it is
/// about: journald per node (<c>service.name</c> journald), Kubernetes events per pod (kubernetes-events), and each
/// container under <c>service.namespace</c>/<c>service.name</c> = namespace/container (job <c>training/trainer</c>),
/// as the usual Kubernetes log pipelines name it.
/// </summary>
public sealed record OtlpLogResource(IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    public const string JournalService = "journald";
    public const string EventsService = "kubernetes-events";

    public static OtlpLogResource Of(SimulatedLog line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var attributes = new List<KeyValuePair<string, string>>(8);
        void Add(string key, string value) => attributes.Add(KeyValuePair.Create(key, value));
        if (line.Source == LogSource.Container && line.Pod is { } owner)
        {
            Add("service.namespace", owner.Namespace);
            Add("service.name", line.Container ?? owner.Container);
        }
        else
        {
            // Events about a node (no pod) are still events; a container line without its pod can only be the node's.
            Add("service.name", line.Source == LogSource.Kubernetes ? EventsService : JournalService);
        }

        Add("k8s.node.name", line.Node.Hostname);
        Add("host.name", line.Node.Hostname);
        if (line.Source != LogSource.Kernel && line.Pod is { } pod)
        {
            Add("k8s.namespace.name", pod.Namespace);
            Add("k8s.pod.name", pod.Name);
            Add("k8s.pod.uid", pod.Uid);
            if (line.Container is { } container)
            {
                Add("k8s.container.name", container);
            }

            if (pod.Deployment is { } deployment)
            {
                Add("k8s.deployment.name", deployment.Name);
            }
        }

        return new OtlpLogResource(attributes);
    }

    /// <summary>Groups lines by resource: the same source, node, pod and container log under one.</summary>
    public static (LogSource Source, FleetNode Node, FleetPod? Pod, string? Container) Key(SimulatedLog line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Source == LogSource.Kernel ? (line.Source, line.Node, null, null) : (line.Source, line.Node, line.Pod, line.Container);
    }
}
