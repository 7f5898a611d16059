namespace DeepSeek.Observe.Storage.Relational;

/// <summary>A topology edge, parent ⊃ child (Node ⊃ Gpu, Deployment ⊃ Pod, TrainJob ⊃ Rank, Rank → Gpu).</summary>
public sealed class EntityEdgeRecord
{
    public required string ParentId { get; set; }

    public required string ChildId { get; set; }

    public EntityRecord? Parent { get; set; }

    public EntityRecord? Child { get; set; }
}
