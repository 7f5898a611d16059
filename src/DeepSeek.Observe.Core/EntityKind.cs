using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>
/// Kinds of things telemetry is about. Topology edges: Node ⊃ Gpu, Node ⊃ Pod ⊃ Container, TrainJob ⊃ Rank,
/// Rank → Gpu, Deployment ⊃ Pod, Namespace ⊃ Pod.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<EntityKind>))]
public enum EntityKind
{
    Cluster,
    Node,
    Gpu,
    Pod,
    Container,

    /// <summary>A training job (label <c>train_job</c>; never <c>job</c>, which Prometheus reserves).</summary>
    TrainJob,

    /// <summary>One rank of a training job.</summary>
    Rank,

    /// <summary>An inference deployment.</summary>
    Deployment,

    /// <summary>Shared storage: object store, file system, metadata server.</summary>
    Storage,

    /// <summary>A Kubernetes namespace: where ResourceQuotas apply (last, so stored kinds keep their values).</summary>
    Namespace,
}
