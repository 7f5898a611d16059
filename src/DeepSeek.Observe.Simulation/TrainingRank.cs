using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation;

/// <summary>One rank of a training job, pinned to one GPU (topology edge Rank→Gpu).</summary>
public sealed record TrainingRank(int Index, TrainingJob Job, int Rank, FleetPod Pod, FleetGpu Gpu)
{
    public EntityId Id => EntityId.Rank(Job.Name, Rank.ToString(CultureInfo.InvariantCulture));
}
