using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation;

/// <summary>An inference deployment (one GPU per pod) serving one model version.</summary>
public sealed record InferenceDeployment(int Index, string Name, string Namespace, string Version)
{
    public IReadOnlyList<FleetPod> Pods { get; internal set; } = [];

    public EntityId Id => EntityId.Deployment(Namespace, Name);

    /// <summary>The version a rollout during the simulation moves to.</summary>
    public string NextVersion => $"v{int.Parse(Version.AsSpan(1), CultureInfo.InvariantCulture) + 1}";
}
