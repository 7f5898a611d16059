namespace DeepSeek.Observe.Simulation;

/// <summary>
/// How a series' value is produced. The entity a series belongs to (<see cref="SimulatedSeries.Entity"/>) is an index
/// into <see cref="Fleet.Gpus"/> for <c>Gpu*</c> kinds, <see cref="Fleet.Pods"/> for <c>Pod*</c> and <c>Inference*</c>
/// kinds, <see cref="Fleet.Ranks"/> for <c>Train*</c> kinds, <see cref="Fleet.Nodes"/> for <c>Node*</c> kinds,
/// <see cref="Fleet.Deployments"/> for <c>Deployment*</c> kinds, and the namespace's quota for <c>Quota*</c>.
/// The <c>*Constant</c> kinds hold their parameter while healthy; <see cref="PodAbsent"/> is not emitted while healthy
/// (a fault makes it appear, e.g. a CrashLoopBackOff waiting reason).
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
    PodConstant,
    PodAbsent,
    NodeConstant,
    DeploymentConstant,

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

/// <summary>Which fleet list a series' <see cref="SimulatedSeries.Entity"/> indexes.</summary>
public static class SignalKinds
{
    public static bool IsGpu(this SignalKind kind) => kind <= SignalKind.GpuZero;

    public static bool IsPod(this SignalKind kind) =>
        kind is (>= SignalKind.PodPhase and <= SignalKind.PodCfsThrottled) or SignalKind.PodConstant or SignalKind.PodAbsent || kind.IsInference();

    public static bool IsQuota(this SignalKind kind) => kind is SignalKind.QuotaHard or SignalKind.QuotaUsed;

    public static bool IsNode(this SignalKind kind) => kind == SignalKind.NodeConstant;

    public static bool IsDeployment(this SignalKind kind) => kind == SignalKind.DeploymentConstant;

    public static bool IsRank(this SignalKind kind) => kind is >= SignalKind.TrainStepTime and <= SignalKind.TrainDataLoaderWait;

    public static bool IsInference(this SignalKind kind) => kind >= SignalKind.InferenceRequests;
}
