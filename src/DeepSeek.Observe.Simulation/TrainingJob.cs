using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation;

/// <summary>A data-parallel training job: one rank per GPU, ranks numbered across its pods in node order.</summary>
public sealed record TrainingJob(int Index, string Name, string Namespace)
{
    public IReadOnlyList<FleetPod> Pods { get; internal set; } = [];

    public IReadOnlyList<TrainingRank> Ranks { get; internal set; } = [];

    public EntityId Id => EntityId.TrainJob(Name);
}
