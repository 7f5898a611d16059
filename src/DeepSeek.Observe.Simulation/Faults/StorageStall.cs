using System.Globalization;
using DeepSeek.Observe.Core;
using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// The shared file system the training data and checkpoints live on stalls: its metadata server is overloaded, so
/// every open and stat waits. Data loaders on MANY ranks of EVERY job run dry at once: their wait per step jumps, each
/// step takes that much longer (the slowest loader sets the pace; the others wait in collectives), the GPUs starve
/// (utilisation and tensor activity drop) and checkpoints written meanwhile take several times longer. Nodes log
/// lost metadata connections and hung tasks. Distinguishing evidence: the same symptom across ALL jobs and nodes at
/// the same moment with no GPU, NIC or pod errors, unlike <see cref="Straggler"/> (one node) or
/// <see cref="NcclTimeout"/> (one job, collectives first).
/// </summary>
public sealed class StorageStall : Fault
{
    public const string FileSystem = "shared-fs";

    private readonly double[] _extraSeconds;
    private readonly double[] _stepSeconds;
    private readonly double _checkpointFactor;

    public StorageStall(Fleet fleet, FaultWindow window, ulong key)
        : base(fleet, FaultKind.StorageStall, EntityId.Storage(FileSystem), window, key)
    {
        if (fleet.TrainingJobs.Count == 0)
        {
            throw new ArgumentException("a storage stall needs a training job", nameof(fleet));
        }

        var profiles = new EntityProfiles(fleet);
        _stepSeconds = [.. profiles.Jobs.Select(j => j.StepSeconds)];
        // Each step now waits 1–3 healthy steps' time for its batch.
        _extraSeconds = [.. fleet.TrainingJobs.Select(j => Math.Round(_stepSeconds[j.Index] * (1 + (2 * Draw(0x10 + (ulong)j.Index))), 3))];
        _checkpointFactor = 3 + (2 * Draw(1));
        Affected =
        [
            Root,
            .. fleet.TrainingJobs.SelectMany(TrainingEffects.JobEntities),
            .. fleet.TrainingJobs.SelectMany(j => j.Pods).Select(p => p.Node.Id).Distinct(),
        ];
    }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"the metadata server of {FileSystem} stalls; data loaders of every training job ({string.Join(", ", Fleet.TrainingJobs.Select(j => j.Name))}) run dry and their GPUs starve";

    public override bool Affects(in SimulatedSeries series) =>
        series.Kind.IsRank() || (series.Kind.IsGpu() && Fleet.Gpus[series.Entity].Pod?.TrainJob is not null);

    /// <summary>The seconds every step of <paramref name="job"/> waits for data while the stall lasts.</summary>
    public double ExtraSeconds(TrainingJob job) => _extraSeconds[job.Index];

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        var job = series.Kind.IsRank() ? Fleet.Ranks[series.Entity].Job : Fleet.Gpus[series.Entity].Pod!.TrainJob!;
        var extra = _extraSeconds[job.Index];
        var pace = _stepSeconds[job.Index] / (_stepSeconds[job.Index] + extra);
        if (series.Kind == SignalKind.TrainSteps)
        {
            return Math.Floor(CounterEffects.ScaleRate(in at, Window, value, pace));
        }

        if (series.Kind == SignalKind.TrainCheckpointSave)
        {
            // The gauge holds the last save's duration: slow while the latest checkpoint was written during the stall.
            var latest = Math.Floor(at.TimestampMs / 1_800_000.0) * 1_800_000;
            return Window.Contains((long)latest) ? Math.Round(value * _checkpointFactor, 3) : value;
        }

        if (!Active(in at))
        {
            return value;
        }

        // Every rank waits for its own loader; the ones whose batch came sooner wait for the slowest in the all-reduce.
        var wait = series.Kind.IsRank() ? extra * (0.55 + (0.45 * StableHash.Unit(StableHash.Combine(Key, (ulong)series.Entity)))) : 0;
        return series.Kind switch
        {
            SignalKind.TrainDataLoaderWait => Math.Round(value + (wait * (1 + (0.05 * Noise(in series, in at)))), 5),
            SignalKind.TrainStepTime => Math.Round(value + extra, 4),
            SignalKind.TrainCollectiveTime => Math.Round(value + extra - wait, 4),
            SignalKind.TrainTokensPerSecond => Math.Round(value * pace, 1),
            SignalKind.GpuUtil => Math.Round(value * pace),
            SignalKind.GpuTensorActive or SignalKind.GpuGrEngineActive => Math.Round(value * pace, 4),
            SignalKind.GpuPower => Math.Round(value * (0.3 + (0.7 * pace)), 3),
            _ => value,
        };
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        var nodes = Fleet.TrainingJobs.SelectMany(j => j.Pods).Select(p => p.Node).Distinct().ToList();
        foreach (var node in nodes)
        {
            var mdc = $"{FileSystem}-MDT0000-mdc-ffff8f{node.Index:x4}";
            if (Within(Window.StartMs + 15_000, fromMs, toMs))
            {
                yield return TrainingLogs.Kernel(Window.StartMs + 15_000, LogSeverity.Warn, node,
                    $"Lustre: {mdc}: Connection to {FileSystem}-MDT0000 (at 10.42.0.10@o2ib) was lost; in progress operations using this service will wait for recovery to complete");
            }

            // The hung-task detector reports readers stuck in D state every two minutes.
            foreach (var t in Every(Window.StartMs + 135_000, 120_000, fromMs, toMs))
            {
                yield return TrainingLogs.Kernel(t, LogSeverity.Error, node, string.Create(CultureInfo.InvariantCulture,
                    $"INFO: task pt_data_worker:{21000 + (node.Index * 16) + (int)(8 * Draw((ulong)t))} blocked for more than 120 seconds."));
            }

            if (Within(Window.EndMs, fromMs, toMs))
            {
                yield return TrainingLogs.Kernel(Window.EndMs, LogSeverity.Info, node, $"Lustre: {mdc}: Connection restored to {FileSystem}-MDT0000 (at 10.42.0.10@o2ib)");
            }
        }

        foreach (var t in Every(Window.StartMs + 60_000, 300_000, fromMs, toMs))
        {
            foreach (var job in Fleet.TrainingJobs)
            {
                foreach (var pod in job.Pods)
                {
                    yield return TrainingLogs.Container(t, LogSeverity.Warn, pod, string.Create(CultureInfo.InvariantCulture,
                        $"data loader starved: waited {_extraSeconds[job.Index]:0.00} s for the next batch (prefetch queue empty); open() on /mnt/{FileSystem}/datasets took {1500 + (int)(3000 * Draw((ulong)t ^ (ulong)pod.Index))} ms"));
                }
            }
        }
    }
}
