namespace DeepSeek.Observe.Core.Topology;

/// <summary>A parent edge: the child is part of, or runs on, the parent (Node ⊃ Gpu, Pod ⊃ Container, Rank → Gpu).</summary>
public readonly record struct TopologyEdge(EntityId Parent, EntityId Child);
