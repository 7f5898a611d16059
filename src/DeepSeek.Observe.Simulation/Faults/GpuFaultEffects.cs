using System.Globalization;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// What the hardware faults share: a GPU whose work is gone, a GPU spinning in a collective that never completes, a
/// job's containers restarting, and the NVRM XID lines the driver writes to the kernel log.
/// </summary>
public static class GpuFaultEffects
{
    /// <summary>The metric kube-state-metrics reports a container's last termination under.</summary>
    public const string LastTerminatedReason = "kube_pod_container_status_last_terminated_reason";

    // What an H100 draws with nothing running, as the healthy model has it.
    private const double IdleWatts = 68;
    private const double IdleSmClock = 345;

    // A GPU cools from full load to idle over a few minutes.
    private const double CoolSeconds = 180;

    /// <summary>Whether <paramref name="series"/> is what a container restart changes: the restart count and last terminated reason.</summary>
    public static bool IsRestartSeries(in SimulatedSeries series) =>
        series.Kind == SignalKind.PodRestarts
        || (series.Kind is SignalKind.PodAbsent or SignalKind.PodLastTerminated && series.Labels.MetricName == LastTerminatedReason);

    /// <summary>
    /// The container terminated with an error at <paramref name="restartAtMs"/> and was restarted: one more restart, and
    /// the last terminated reason is Error from then on (kube-state-metrics keeps reporting it after the fault).
    /// </summary>
    public static double Restart(in SimulatedSeries series, in ConditionContext at, long restartAtMs, double value)
    {
        if (at.TimestampMs < restartAtMs)
        {
            return value;
        }

        return series.Kind == SignalKind.PodRestarts ? value + 1
            : series.Labels["reason"] == "Error" ? 1
            : SimulatedValue.Absent;
    }

    /// <summary>
    /// A GPU with no process running on it (killed, or the GPU is gone): no activity, idle power and clocks, the idle
    /// throttle reason, cooling since <paramref name="sinceMs"/>. Counters and other series keep <paramref name="value"/>.
    /// </summary>
    public static double Idle(in SimulatedSeries series, in ConditionContext at, long sinceMs, double value)
    {
        var noise = StableHash.Noise(series.Key ^ 0x1D1E, at.Step);
        var cooled = Math.Clamp((at.TimestampMs - sinceMs) / 1000.0 / CoolSeconds, 0, 1);
        return series.Kind switch
        {
            SignalKind.GpuUtil or SignalKind.GpuMemCopyUtil or SignalKind.GpuGrEngineActive or SignalKind.GpuTensorActive => 0,
            SignalKind.GpuPower => Math.Round(IdleWatts + (3 * noise), 3),
            SignalKind.GpuSmClock => IdleSmClock,
            SignalKind.GpuClockThrottleReasons => 1,
            SignalKind.GpuTemp => Math.Round(value - (34 * cooled)),
            SignalKind.GpuMemoryTemp => Math.Round(value - (36 * cooled)),
            _ => value,
        };
    }

    /// <summary>
    /// A GPU whose rank waits in a collective that never completes: NCCL's kernel spins, so DCGM's utilization and
    /// engine activity stay high while the tensor cores do nothing and power falls to a fraction of the load's.
    /// </summary>
    public static double Spinning(in SimulatedSeries series, in ConditionContext at, double value)
    {
        var noise = StableHash.Noise(series.Key ^ 0x5B1, at.Step);
        return series.Kind switch
        {
            SignalKind.GpuTensorActive => Math.Round(0.002 * (1 + noise), 4),
            SignalKind.GpuMemCopyUtil => Math.Max(0, Math.Round(1 + noise)),
            SignalKind.GpuPower => Math.Round(IdleWatts + ((value - IdleWatts) * 0.22), 3),
            _ => value,
        };
    }

    /// <summary>A process id for the rank on <paramref name="gpu"/>, stable per fault (what the XID and torch lines name).</summary>
    public static int Pid(ulong key, FleetGpu gpu) => 2000 + (int)(StableHash.Combine(key, (ulong)gpu.Index, 0x919) % 60_000);

    /// <summary>An NVRM XID line as the driver writes it: <c>NVRM: Xid (PCI:0000:18:00): 79, pid=…, name=…, message</c>.</summary>
    public static SimulatedLog Xid(FleetGpu gpu, long timestampMs, int xid, string pid, string name, string message) =>
        new(timestampMs, LogSource.Kernel, LogSeverity.Error, gpu.Node, null, null,
            $"NVRM: Xid (PCI:{gpu.PciBusId[4..^2]}): {xid.ToString(CultureInfo.InvariantCulture)}, pid={pid}, name={name}, {message}");

    /// <summary>A line from <paramref name="pod"/>'s main container.</summary>
    public static SimulatedLog Container(FleetPod pod, long timestampMs, LogSeverity level, string body) =>
        new(timestampMs, LogSource.Container, level, pod.Node, pod, pod.Container, body);

    /// <summary>The line torchrun's elastic agent writes when a worker process dies (the exit code is negative for a signal).</summary>
    public static SimulatedLog WorkerFailed(TrainingRank rank, long timestampMs, int exitCode, int pid) =>
        Container(rank.Pod, timestampMs, LogSeverity.Error, string.Create(CultureInfo.InvariantCulture,
            $"torch.distributed.elastic.multiprocessing.api: [ERROR] failed (exitcode: {exitCode}) local_rank: {rank.Gpu.Gpu} (pid: {pid}) of binary: /usr/bin/python3"));

    /// <summary>The training operator's event when a failed worker makes it restart the whole job.</summary>
    public static SimulatedLog JobRestarting(FleetPod failed, long timestampMs) =>
        new(timestampMs, LogSource.Kubernetes, LogSeverity.Warn, failed.Node, failed, failed.Container,
            $"PyTorchJob {failed.TrainJob?.Name} is restarting because 1 Worker replica(s) failed.");
}
