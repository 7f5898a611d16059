using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

public static partial class FaultLibrary
{
    static partial void RegisterGpuFaults(Dictionary<FaultKind, FaultFactory> factories)
    {
        factories[FaultKind.GpuFellOffBus] = (fleet, window, key) =>
            PickBusyGpu(fleet, key) is { } gpu ? new GpuFellOffBus(fleet, gpu, window, key) : null;
        factories[FaultKind.EccUncorrectable] = (fleet, window, key) =>
            PickBusyGpu(fleet, key) is { } gpu ? new EccUncorrectable(fleet, gpu, window, key) : null;
        factories[FaultKind.ThermalThrottling] = (fleet, window, key) =>
            PickBusyGpu(fleet, key) is { } gpu ? new ThermalThrottling(fleet, gpu, window, key) : null;
        // The node whose busy GPUs the brake slows: a training node if there is one.
        factories[FaultKind.PowerThrottling] = (fleet, window, key) =>
            PickBusyGpu(fleet, key) is { } gpu ? new PowerThrottling(fleet, gpu.Node, window, key) : null;
        factories[FaultKind.NvlinkError] = (fleet, window, key) =>
            PickBusyGpu(fleet, key) is { } gpu ? new NvlinkError(fleet, gpu, window, key) : null;
        factories[FaultKind.PcieError] = (fleet, window, key) =>
            PickBusyGpu(fleet, key) is { } gpu ? new PcieError(fleet, gpu, window, key) : null;
    }
}
