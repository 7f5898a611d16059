namespace DeepSeek.Observe.Simulation;

/// <summary>One rank of a training job, pinned to one GPU (topology edge Rank→Gpu).</summary>
public sealed record TrainingRank(int Index, TrainingJob Job, int Rank, FleetPod Pod, FleetGpu Gpu);
