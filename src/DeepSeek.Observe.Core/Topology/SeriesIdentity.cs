namespace DeepSeek.Observe.Core.Topology;

/// <summary>What a series is about: its layer (null when no rule knows the metric) and the entities its labels name.</summary>
/// <param name="Layer">The layer, or null for a metric no rule recognises (it is kept all the same).</param>
/// <param name="Entities">Every entity the labels identify, most specific first.</param>
/// <param name="Edges">The topology edges the labels imply.</param>
/// <param name="EntityLabels">Per entity, the labels that identify or describe it.</param>
public sealed record SeriesIdentity(
    Layer? Layer,
    IReadOnlyList<EntityId> Entities,
    IReadOnlyList<TopologyEdge> Edges,
    IReadOnlyDictionary<EntityId, LabelSet> EntityLabels)
{
    /// <summary>The most specific entity (a container before its pod, a GPU before its node), or null when there is none.</summary>
    public EntityId? Primary => Entities.Count > 0 ? Entities[0] : null;
}
