using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// An uncorrectable (double-bit) error in a GPU's HBM. On the GPU: DCGM's volatile DBE counter and its uncorrectable
/// remapped rows go up (or, with no spare row left, ROW_REMAP_FAILURE reads 1), and the last XID is 94 (contained: the
/// process using the bad row is killed) or 95 (uncontained), after XID 48 and the row remapper's 63/64 in the kernel log.
/// Unlike <see cref="GpuFellOffBus"/> the GPU itself stays reachable and is busy again within minutes: only the ECC
/// evidence and the XID number point at it. The process on it dies with <c>uncorrectable ECC error encountered</c>, the
/// other ranks see NCCL fail at once (no watchdog wait), and the job's pods restart with reason Error and resume from
/// their checkpoint; the job loses the minutes it was down. An inference pod on the GPU restarts and is back after its
/// model loads.
/// </summary>
public sealed class EccUncorrectable : Fault
{
    // The other ranks notice the dead peer within seconds; the operator restarts the job; reloading the checkpoint takes minutes.
    private const long PeersFailMs = 12_000;
    private const long RestartAfterMs = 40_000;
    private const long TrainingDownMs = 300_000;
    private const long InferenceDownMs = 120_000;

    private readonly FleetGpu _gpu;
    private readonly TrainingRank? _rank;

    public EccUncorrectable(Fleet fleet, FleetGpu gpu, FaultWindow window, ulong key)
        : base(fleet, FaultKind.EccUncorrectable, gpu.Id, window, key)
    {
        _gpu = gpu;
        _rank = fleet.Ranks.FirstOrDefault(r => r.Gpu == gpu);
        Xid = Draw(1) < 0.7 ? 94 : 95;
        DoubleBitErrors = 1 + (int)(Draw(2) * 3);
        RemapFailed = Draw(3) < 0.2;
        Affected = _rank is { } rank
            ? [gpu.Id, rank.Id, .. TrainingEffects.JobEntities(rank.Job).Where(e => e != gpu.Id && e != rank.Id)]
            : gpu.Pod is { } pod ? [gpu.Id, pod.Id] : [gpu.Id];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description => $"GPU {_gpu.Gpu} on {_gpu.Node.Hostname} hits an uncorrectable ECC error (XID 48, {Xid})" + (_rank is { } rank
        ? $"; the process of {rank.Job.Name} rank {rank.Rank} is killed and the job restarts from its checkpoint"
        : _gpu.Pod is { } pod ? $"; {pod.Name} crashes and restarts" : string.Empty);

    /// <summary>The XID that killed the process: 94 (contained) or 95 (uncontained); DCGM's last XID while the fault lasts.</summary>
    public int Xid { get; }

    /// <summary>How many double-bit errors the volatile counter gains.</summary>
    public int DoubleBitErrors { get; }

    /// <summary>True when the bank had no spare row left: ROW_REMAP_FAILURE is raised and no row is remapped.</summary>
    public bool RemapFailed { get; }

    /// <summary>When the affected pods restart.</summary>
    public long RestartAtMs => Window.StartMs + RestartAfterMs;

    /// <summary>Until when the workload is down: the GPUs idle and the job makes no progress.</summary>
    public FaultWindow Down => new(Window.StartMs, Math.Min(Window.EndMs, Window.StartMs + (_rank is null ? InferenceDownMs : TrainingDownMs)));

    public override bool Affects(in SimulatedSeries series)
    {
        if (series.Kind.IsGpu())
        {
            return series.Entity == _gpu.Index || (_rank is { } r && Fleet.Gpus[series.Entity].Pod?.TrainJob == r.Job);
        }

        if (series.Kind.IsPod())
        {
            var pod = Fleet.Pods[series.Entity];
            var ours = _rank is { } rank ? pod.TrainJob == rank.Job : pod == _gpu.Pod;
            return ours && (GpuFaultEffects.IsRestartSeries(in series) || series.Kind is SignalKind.InferenceRequests or SignalKind.InferenceLatencyBucket or SignalKind.InferenceLatencyCount or SignalKind.InferenceLatencySum);
        }

        return _rank is { } owner && TrainingEffects.IsRankOf(in series, Fleet, owner.Job);
    }

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        var down = Down;
        if (series.Kind.IsRank())
        {
            return TrainingEffects.Stall(in series, in at, down, value);
        }

        if (series.Kind.IsPod())
        {
            return GpuFaultEffects.IsRestartSeries(in series)
                ? (RestartAtMs < Window.EndMs ? GpuFaultEffects.Restart(in series, in at, RestartAtMs, value) : value)
                : !down.HasStarted(at.TimestampMs) ? value
                : Math.Round(CounterEffects.ScaleRate(in at, down, value, 0), 3);
        }

        var root = series.Entity == _gpu.Index;
        switch (series.Kind)
        {
            case SignalKind.GpuEnergy:
                return Math.Floor(CounterEffects.ScaleRate(in at, down, value, 0.12));
            case SignalKind.GpuNvlinkBandwidth:
                return Math.Floor(CounterEffects.ScaleRate(in at, down, value, 0));
            case SignalKind.GpuErrorHistory when root:
                return Errors(in series, in at, value);
        }

        if (root && series.Kind == SignalKind.GpuZero)
        {
            return !Active(in at) ? value
                : series.Labels.MetricName == "DCGM_FI_DEV_XID_ERRORS" ? Xid
                : series.Labels.MetricName == "DCGM_FI_DEV_ROW_REMAP_FAILURE" && RemapFailed ? 1
                : value;
        }

        if (!down.Contains(at.TimestampMs))
        {
            return value;
        }

        // The killed process frees its GPU at once; the others spin until NCCL reports the dead peer, then exit too.
        return !root && at.TimestampMs < Window.StartMs + PeersFailMs
            ? GpuFaultEffects.Spinning(in series, in at, value)
            : GpuFaultEffects.Idle(in series, in at, Window.StartMs + (root ? 0 : PeersFailMs), value);
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var t0 = Window.StartMs;
        var pid = GpuFaultEffects.Pid(Key, _gpu);
        var process = _gpu.Pod is null ? "<unknown>" : "pt_main_thread";
        var pidText = _gpu.Pod is null ? "'<unknown>'" : pid.ToString(CultureInfo.InvariantCulture);
        var partition = (int)(Draw(4) * 8);
        var lines = new List<SimulatedLog>
        {
            GpuFaultEffects.Xid(_gpu, t0, 48, pidText, process, $"An uncorrectable double bit error (DBE) has been detected on GPU in the framebuffer at partition {partition}, subpartition {(int)(Draw(5) * 2)}."),
            RemapFailed
                ? GpuFaultEffects.Xid(_gpu, t0 + 1, 64, pidText, process, "Row Remapper: Failed to remap a row: no spare row left in the bank.")
                : GpuFaultEffects.Xid(_gpu, t0 + 1, 63, pidText, process, "Row Remapper: New row marked for remapping, reset gpu to activate."),
            Xid == 94
                ? GpuFaultEffects.Xid(_gpu, t0 + 2, 94, pidText, process, "Contained: SM (0x1). RST: No, D-RST: No")
                : GpuFaultEffects.Xid(_gpu, t0 + 2, 95, pidText, process, "Uncontained: FBHUB. RST: Yes, D-RST: No"),
        };

        if (_rank is { } failed)
        {
            lines.Add(GpuFaultEffects.Container(failed.Pod, t0 + 400, LogSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"[rank{failed.Rank}]: RuntimeError: CUDA error: uncorrectable ECC error encountered")));
            lines.Add(GpuFaultEffects.WorkerFailed(failed, t0 + 2_000, 1, pid));
            foreach (var rank in failed.Job.Ranks.Where(r => r != failed))
            {
                lines.Add(GpuFaultEffects.Container(rank.Pod, t0 + PeersFailMs - 2_000 + (rank.Rank * 53 % 1500), LogSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"[rank{rank.Rank}]: torch.distributed.DistBackendError: NCCL error in: ../torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp:1970, remote process exited or there was a network error, NCCL version 2.20.5")));
            }

            lines.Add(GpuFaultEffects.JobRestarting(failed.Pod, RestartAtMs));
        }
        else if (_gpu.Pod is { } pod)
        {
            lines.Add(GpuFaultEffects.Container(pod, t0 + 400, LogSeverity.Error, "RuntimeError: CUDA error: uncorrectable ECC error encountered"));
            lines.Add(new SimulatedLog(RestartAtMs, LogSource.Kubernetes, LogSeverity.Warn, pod.Node, pod, pod.Container, "Back-off restarting failed container"));
        }

        return lines.Where(l => Within(l.TimestampMs, fromMs, toMs) && l.TimestampMs < Window.EndMs).OrderBy(l => l.TimestampMs);
    }

    // The DBE counter and the remapped rows jump when the error hits and keep their count afterwards.
    private double Errors(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (!Window.HasStarted(at.TimestampMs))
        {
            return value;
        }

        return series.Labels.MetricName switch
        {
            "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL" => value + DoubleBitErrors,
            "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS" when !RemapFailed => value + 1,
            _ => value,
        };
    }
}
