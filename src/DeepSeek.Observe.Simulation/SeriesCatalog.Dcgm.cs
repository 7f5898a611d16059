using System.Globalization;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation;

/// <summary>dcgm-exporter's default fields plus the ECC, NVLink and violation counters users commonly enable.</summary>
public sealed partial class SeriesCatalog
{
    private static readonly (string Name, SignalKind Kind, double Parameter)[] s_dcgm =
    [
        ("DCGM_FI_DEV_GPU_UTIL", SignalKind.GpuUtil, 0),
        ("DCGM_FI_DEV_GPU_TEMP", SignalKind.GpuTemp, 0),
        ("DCGM_FI_DEV_MEMORY_TEMP", SignalKind.GpuMemoryTemp, 0),
        ("DCGM_FI_DEV_POWER_USAGE", SignalKind.GpuPower, 0),
        ("DCGM_FI_DEV_FB_USED", SignalKind.GpuFbUsed, 0),
        ("DCGM_FI_DEV_FB_FREE", SignalKind.GpuFbFree, 0),
        ("DCGM_FI_DEV_SM_CLOCK", SignalKind.GpuSmClock, 0),
        ("DCGM_FI_DEV_MEM_CLOCK", SignalKind.GpuMemClock, 0),
        ("DCGM_FI_DEV_MEM_COPY_UTIL", SignalKind.GpuMemCopyUtil, 0),
        ("DCGM_FI_PROF_GR_ENGINE_ACTIVE", SignalKind.GpuGrEngineActive, 0),
        ("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", SignalKind.GpuTensorActive, 0),
        ("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", SignalKind.GpuClockThrottleReasons, 0),
        ("DCGM_FI_DEV_XID_ERRORS", SignalKind.GpuZero, 0),
        ("DCGM_FI_DEV_ROW_REMAP_FAILURE", SignalKind.GpuZero, 0),
        ("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", SignalKind.GpuEnergy, 0),
        ("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", SignalKind.GpuNvlinkBandwidth, 0),

        // Error counters: the parameter is the largest history a GPU starts with (0: a healthy GPU never has any).
        ("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", SignalKind.GpuErrorHistory, 3),
        ("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", SignalKind.GpuErrorHistory, 2),
        ("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", SignalKind.GpuErrorHistory, 0),
        ("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", SignalKind.GpuErrorHistory, 1),
        ("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", SignalKind.GpuErrorHistory, 0),
        ("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", SignalKind.GpuErrorHistory, 4),
        ("DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL", SignalKind.GpuErrorHistory, 0),
        ("DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL", SignalKind.GpuErrorHistory, 0),
        ("DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL", SignalKind.GpuErrorHistory, 0),
        ("DCGM_FI_DEV_THERMAL_VIOLATION", SignalKind.GpuErrorHistory, 0),
        // ns spent power-capped: a few seconds of history is normal on busy GPUs.
        ("DCGM_FI_DEV_POWER_VIOLATION", SignalKind.GpuErrorHistory, 5e9),
    ];

    /// <summary>dcgm-exporter series per GPU.</summary>
    public static int DcgmSeriesPerGpu => s_dcgm.Length;

    private void AddDcgm()
    {
        foreach (var gpu in Fleet.Gpus)
        {
            var common = new List<KeyValuePair<string, string>>
            {
                // What Prometheus adds when it scrapes dcgm-exporter's DaemonSet pod on the node.
                L("job", "dcgm-exporter"),
                L("instance", $"{gpu.Node.Hostname}:9400"),
                L("gpu", gpu.Gpu.ToString(CultureInfo.InvariantCulture)),
                L("UUID", gpu.Uuid),
                L("pci_bus_id", gpu.PciBusId),
                L("device", gpu.Device),
                L("modelName", gpu.ModelName),
                L("Hostname", gpu.Node.Hostname),
                L("DCGM_FI_DRIVER_VERSION", Fleet.DriverVersion),
            };
            if (gpu.Pod is { } pod)
            {
                common.AddRange([L("namespace", pod.Namespace), L("pod", pod.Name), L("container", pod.Container)]);
            }

            var labels = common.ToArray();
            foreach (var (name, kind, parameter) in s_dcgm)
            {
                Add(kind, gpu.Index, name, labels, kind == SignalKind.GpuErrorHistory ? History(gpu.Index, name, parameter) : parameter);
            }
        }
    }

    // One GPU in twenty carries some error history; the rest start clean.
    private double History(int gpu, string metric, double largest)
    {
        var hash = StableHash.Combine(_seed, (ulong)gpu, StableHash.Of(metric));
        return largest > 0 && StableHash.Unit(hash) < 0.05 ? Math.Ceiling(StableHash.Unit(StableHash.Mix(hash)) * largest) : 0;
    }
}
