using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

public static partial class FaultLibrary
{
    static partial void RegisterGpuFaults(Dictionary<FaultKind, FaultFactory> factories)
    {
        factories[FaultKind.ThermalThrottling] = (fleet, window, key) =>
            PickBusyGpu(fleet, key) is { } gpu ? new ThermalThrottling(fleet, gpu, window, key) : null;
    }
}
