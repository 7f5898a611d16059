namespace DeepSeek.Observe.Core.Topology;

/// <summary>
/// Normalisation: the layer and entities of a series, from the labels real exporters emit (DESIGN.md) — dcgm-exporter
/// (<c>Hostname</c> or the newer <c>hostname</c>, <c>gpu</c>, <c>UUID</c>, <c>modelName</c>, <c>pci_bus_id</c>,
/// <c>device</c>, and <c>namespace</c>/<c>pod</c>/<c>container</c> for GPUs in use), kube-state-metrics and cAdvisor
/// (<c>node</c>, <c>namespace</c>, <c>pod</c>, <c>container</c>) and ours (<c>train_job</c>, <c>rank</c>,
/// <c>deployment</c>, <c>cluster</c>). Never <c>job</c>, which Prometheus reserves for the scrape job.
/// </summary>
public static class EntityResolver
{
    private static readonly string[] s_gpuDescriptors = ["UUID", "modelName", "pci_bus_id", "device"];

    public static SeriesIdentity Resolve(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var entities = new List<EntityId>();
        var edges = new List<TopologyEdge>();
        var entityLabels = new Dictionary<EntityId, LabelSet>();

        EntityId? Add(EntityId? id, params string[] labelNames)
        {
            if (id is { } entity && !entityLabels.ContainsKey(entity))
            {
                entities.Add(entity);
                entityLabels[entity] = Subset(labels, labelNames);
            }

            return id;
        }

        void Edge(EntityId? parent, EntityId? child)
        {
            if (parent is { } p && child is { } c)
            {
                edges.Add(new TopologyEdge(p, c));
            }
        }

        var hostLabel = labels.Contains("Hostname") ? "Hostname" : labels.Contains("hostname") ? "hostname" : labels.Contains("node") ? "node" : null;
        var host = hostLabel is null ? null : labels[hostLabel];
        var ns = labels["namespace"];
        var podName = labels["pod"];

        // Most specific first, so Entities[0] is what the series is about.
        var container = Add(Try(() => ns is null || podName is null || labels["container"] is not { } c ? null : EntityId.Container(ns, podName, c)), "namespace", "pod", "container");
        var rank = Add(Try(() => labels["train_job"] is { } j && labels["rank"] is { } r ? EntityId.Rank(j, r) : null), "train_job", "rank");
        var gpu = Add(Try(() => host is not null && labels["gpu"] is { } g ? EntityId.Gpu(host, g) : null), [hostLabel!, "gpu", .. s_gpuDescriptors]);
        var pod = Add(Try(() => ns is not null && podName is not null ? EntityId.Pod(ns, podName) : null), "namespace", "pod");
        var node = Add(Try(() => host is not null ? EntityId.Node(host) : null), hostLabel ?? "node");
        var deployment = Add(Try(() => ns is not null && labels["deployment"] is { } d ? EntityId.Deployment(ns, d) : null), "namespace", "deployment");
        var job = Add(Try(() => labels["train_job"] is { } j ? EntityId.TrainJob(j) : null), "train_job");
        var cluster = Add(Try(() => labels["cluster"] is { } name ? EntityId.Cluster(name) : null), "cluster");

        Edge(pod, container);
        Edge(job, rank);
        Edge(gpu, rank);
        Edge(node, gpu);
        Edge(node, pod);
        Edge(deployment, pod);
        Edge(cluster, node);

        // A GPU metric of a GPU lent to a pod is still about the GPU; the pod and container are context.
        var layer = LayerOf(labels);
        if (layer == Layer.Hardware && gpu is { } device)
        {
            entities.Remove(device);
            entities.Insert(0, device);
        }

        return new SeriesIdentity(layer, entities, edges, entityLabels);
    }

    /// <summary>
    /// The layer, by exporter convention: dcgm-exporter and NVIDIA exporters are Hardware; kube-state-metrics, cAdvisor
    /// and the kubelet are Container; series of a training job (<c>train_job</c>) are Framework; series of an
    /// inference deployment (<c>deployment</c>) are Business. Anything else has no layer.
    /// </summary>
    public static Layer? LayerOf(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var name = labels.MetricName ?? string.Empty;
        if (name.StartsWith("DCGM_", StringComparison.Ordinal) || name.StartsWith("nvidia_", StringComparison.Ordinal))
        {
            return Layer.Hardware;
        }

        if (name.StartsWith("kube_", StringComparison.Ordinal) || name.StartsWith("container_", StringComparison.Ordinal)
            || name.StartsWith("kubelet_", StringComparison.Ordinal))
        {
            return Layer.Container;
        }

        if (labels.Contains("train_job"))
        {
            return Layer.Framework;
        }

        return labels.Contains("deployment") ? Layer.Business : null;
    }

    private static LabelSet Subset(LabelSet labels, string[] names) =>
        LabelSet.Create(labels.Where(l => Array.IndexOf(names, l.Name) >= 0).Select(l => KeyValuePair.Create(l.Name, l.Value)));

    // A label value that cannot be an id segment (it contains '/') names no entity; the series is still kept.
    private static EntityId? Try(Func<EntityId?> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
