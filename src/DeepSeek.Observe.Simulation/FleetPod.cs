using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation;

/// <summary>
/// A Kubernetes pod with one GPU-using container. A training pod belongs to <see cref="TrainJob"/> and holds a
/// node's GPUs (one rank each); an inference pod belongs to <see cref="Deployment"/> and holds one GPU.
/// </summary>
public sealed record FleetPod(int Index, string Namespace, string Name, string Container, string Uid, FleetNode Node)
{
    public TrainingJob? TrainJob { get; init; }

    public InferenceDeployment? Deployment { get; init; }

    /// <summary>The GPUs the container holds, in device order.</summary>
    public IReadOnlyList<FleetGpu> Gpus { get; init; } = [];

    public EntityId Id => EntityId.Pod(Namespace, Name);
}
