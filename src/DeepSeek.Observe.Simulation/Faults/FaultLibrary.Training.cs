using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

public static partial class FaultLibrary
{
    static partial void RegisterTrainingFaults(Dictionary<FaultKind, FaultFactory> factories)
    {
        factories[FaultKind.NcclTimeout] = (fleet, window, key) =>
            PickTrainingPod(fleet, key) is { } pod ? new NcclTimeout(fleet, pod, window, key) : null;
        factories[FaultKind.Straggler] = (fleet, window, key) =>
            PickTrainingPod(fleet, key) is { } pod ? new Straggler(fleet, pod, window, key) : null;
        // A rank where there is training (where the largest allocations are), otherwise an inference server.
        factories[FaultKind.CudaOutOfMemory] = (fleet, window, key) =>
            Pick(fleet.Ranks, key, 0x0C0D) is { } rank ? new CudaOutOfMemory(fleet, rank, window, key)
            : Pick([.. fleet.Pods.Where(p => p.Deployment is not null)], key, 0x0C0D) is { } pod ? new CudaOutOfMemory(fleet, pod, window, key)
            : null;
        factories[FaultKind.LossNaN] = (fleet, window, key) =>
            Pick(fleet.TrainingJobs, key, 0x4A4E) is { } job ? new LossNaN(fleet, job, window, key) : null;
        factories[FaultKind.StorageStall] = (fleet, window, key) =>
            fleet.TrainingJobs.Count > 0 ? new StorageStall(fleet, window, key) : null;
        factories[FaultKind.CheckpointUploadFailure] = (fleet, window, key) =>
            fleet.TrainingJobs.Count > 0 ? new CheckpointUploadFailure(fleet, window, key) : null;
        factories[FaultKind.SidecarInterference] = (fleet, window, key) =>
            Pick(fleet.TrainingJobs, key, 0x51DE) is { } job ? new SidecarInterference(fleet, job, window, key) : null;
    }

    /// <summary>A training job's pod (one per node), or null without training: where node-level training faults land.</summary>
    private static FleetPod? PickTrainingPod(Fleet fleet, ulong key) =>
        Pick([.. fleet.Pods.Where(p => p.TrainJob is not null)], key, 0x7A1D);
}
