namespace DeepSeek.Observe.Simulation;

/// <summary>
/// How a series' value is produced. The entity a series belongs to (<see cref="SimulatedSeries.Entity"/>) is an index
/// into <see cref="Fleet.Gpus"/> for <c>Gpu*</c> kinds, <see cref="Fleet.Pods"/> for <c>Pod*</c> and <c>Inference*</c>
/// kinds, <see cref="Fleet.Ranks"/> for <c>Train*</c> kinds, and the namespace's quota for <c>Quota*</c>.
/// </summary>
public enum SignalKind : byte
{
    GpuUtil,
    GpuTemp,
    GpuMemoryTemp,
    GpuPower,
    GpuFbUsed,
    GpuFbFree,
    GpuSmClock,
    GpuMemClock,
    GpuMemCopyUtil,
    GpuGrEngineActive,
    GpuTensorActive,
    GpuClockThrottleReasons,
    GpuEnergy,
    GpuNvlinkBandwidth,

    /// <summary>An error counter that a healthy GPU never increments; its value is the GPU's history (often 0).</summary>
    GpuErrorHistory,

    /// <summary>A gauge a healthy GPU holds at 0 (the last XID; row-remap failure).</summary>
    GpuZero,

    PodPhase,
    PodInfo,
    PodRestarts,
    PodLastTerminated,
    PodWorkingSet,
    PodCfsPeriods,
    PodCfsThrottled,
    QuotaHard,
    QuotaUsed,

    TrainStepTime,
    TrainSteps,
    TrainLoss,
    TrainGradNorm,
    TrainLossScale,
    TrainTokensPerSecond,
    TrainCollectiveTime,
    TrainCheckpointSave,
    TrainDataLoaderWait,

    InferenceRequests,
    InferenceLatencyBucket,
    InferenceLatencySum,
    InferenceLatencyCount,
    InferenceQueueDepth,
    InferenceQuality,
}
