using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

public static partial class FaultLibrary
{
    static partial void RegisterWorkloadFaults(Dictionary<FaultKind, FaultFactory> factories)
    {
        factories[FaultKind.ContainerOomKilled] = (fleet, window, key) =>
            Pick(fleet.Pods, key, 0x00B) is { } pod ? new ContainerOomKilled(fleet, pod, window, key) : null;
        factories[FaultKind.CrashLoop] = (fleet, window, key) =>
            Pick(fleet.Pods, key, 0xC1A5) is { } pod ? new CrashLoop(fleet, pod, window, key) : null;
        factories[FaultKind.QuotaExceeded] = (fleet, window, key) =>
            PickServing(fleet, key) is { } deployment ? new QuotaExceeded(fleet, deployment, window, key) : null;
        factories[FaultKind.InferenceOverload] = (fleet, window, key) =>
            PickServing(fleet, key) is { } deployment ? new InferenceOverload(fleet, deployment, window, key) : null;
        factories[FaultKind.BadDeploy] = (fleet, window, key) =>
            PickServing(fleet, key) is { } deployment ? new BadDeploy(fleet, deployment, window, key) : null;
    }

    /// <summary>A deployment with at least one replica, or null when the fleet serves nothing.</summary>
    private static InferenceDeployment? PickServing(Fleet fleet, ulong key) =>
        Pick([.. fleet.Deployments.Where(d => d.Pods.Count > 0)], key, 0x5E2E);
}
