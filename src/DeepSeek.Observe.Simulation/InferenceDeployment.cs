namespace DeepSeek.Observe.Simulation;

/// <summary>An inference deployment (one GPU per pod) serving one model version.</summary>
public sealed record InferenceDeployment(int Index, string Name, string Namespace, string Version)
{
    public IReadOnlyList<FleetPod> Pods { get; internal set; } = [];
}
