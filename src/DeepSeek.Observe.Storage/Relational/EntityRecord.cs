using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Storage.Relational;

/// <summary>A row of the entity catalog: one node, GPU, pod, job, rank, … seen in telemetry.</summary>
public sealed class EntityRecord
{
    /// <summary>Canonical id, e.g. <c>gpu/node-1/3</c> (see <see cref="EntityId"/>).</summary>
    public required string Id { get; set; }

    public required EntityKind Kind { get; set; }

    /// <summary>The labels that identify the entity in telemetry (e.g. <c>Hostname</c>, <c>gpu</c>, <c>UUID</c>).</summary>
    public required LabelSet Labels { get; set; }

    public required DateTimeOffset FirstSeen { get; set; }

    public required DateTimeOffset LastSeen { get; set; }

    /// <summary>Edges to the entities this one is part of (a GPU's node, a pod's deployment).</summary>
    public ICollection<EntityEdgeRecord> Parents { get; } = [];
}
