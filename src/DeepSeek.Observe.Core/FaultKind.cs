using System.Text.Json.Serialization;

namespace DeepSeek.Observe.Core;

/// <summary>
/// The fault taxonomy (DESIGN.md), drawn from production reports of large training and serving fleets. Shared by the
/// simulator's fault injection, log signatures, the root-cause classifier's labels and action policies.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>GPU fell off the bus (XID 79).</summary>
    GpuFellOffBus,

    /// <summary>Uncorrectable ECC / HBM fault (XID 48, 63, 64, 94, 95).</summary>
    EccUncorrectable,

    /// <summary>Thermal slowdown or shutdown.</summary>
    ThermalThrottling,

    /// <summary>Power capping.</summary>
    PowerThrottling,

    /// <summary>NVLink CRC/replay/recovery errors (XID 74).</summary>
    NvlinkError,

    /// <summary>PCIe replays and link errors.</summary>
    PcieError,

    /// <summary>NCCL watchdog timeout: bad NIC, MTU mismatch or a slow rank.</summary>
    NcclTimeout,

    /// <summary>Fail-slow node (straggler) in data-parallel training.</summary>
    Straggler,

    /// <summary>CUDA out of memory or allocator fragmentation.</summary>
    CudaOutOfMemory,

    /// <summary>Loss became NaN/Inf under mixed precision (loss-scale collapse).</summary>
    LossNaN,

    /// <summary>Data-loader or shared-storage stall (metadata server bottleneck).</summary>
    StorageStall,

    /// <summary>Checkpoint upload failures (connection reset by object storage).</summary>
    CheckpointUploadFailure,

    /// <summary>Container killed by the OOM killer.</summary>
    ContainerOomKilled,

    /// <summary>Container crash loop.</summary>
    CrashLoop,

    /// <summary>Namespace ResourceQuota exceeded.</summary>
    QuotaExceeded,

    /// <summary>Service-mesh sidecar intercepting collective ports (grpc status 14).</summary>
    SidecarInterference,

    /// <summary>Inference overload: queue depth drives latency.</summary>
    InferenceOverload,

    /// <summary>A rollout that regressed latency and quality together.</summary>
    BadDeploy,
}
