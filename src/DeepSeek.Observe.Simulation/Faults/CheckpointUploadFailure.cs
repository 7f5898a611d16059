using System.Globalization;
using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// The object store checkpoints are uploaded to resets connections (an overloaded gateway, a load balancer draining):
/// at each checkpoint during the fault every pod's shard uploads fail with <c>connection reset by peer</c> and are
/// retried with backoff, so the save takes several times longer and, the save being synchronous, the job's steps stop
/// until it completes. Between checkpoints training runs normally. Distinguishing evidence: only the checkpoint save
/// time of every job jumps, at checkpoint moments, with connection-reset retries in the logs; data-loader waits and
/// GPUs between checkpoints stay healthy, unlike <see cref="StorageStall"/>.
/// </summary>
public sealed class CheckpointUploadFailure : Fault
{
    public const string ObjectStore = "checkpoint-store";

    /// <summary>Every job checkpoints on the half hour (the healthy model's cadence).</summary>
    public const long CheckpointIntervalMs = 1_800_000;

    private static readonly long[] s_backoffMs = [2_000, 6_000, 14_000, 30_000, 62_000, 126_000];

    private readonly double _saveFactor;
    private readonly RatePhase[] _phases;

    public CheckpointUploadFailure(Fleet fleet, FaultWindow window, ulong key)
        : base(fleet, FaultKind.CheckpointUploadFailure, EntityId.Storage(ObjectStore), window, key)
    {
        if (fleet.TrainingJobs.Count == 0)
        {
            throw new ArgumentException("a checkpoint upload failure needs a training job", nameof(fleet));
        }

        _saveFactor = 5 + (3 * Draw(1));
        // The retries stretch a ~40 s save to minutes; the job waits that long more.
        StallMs = (long)(40_000 * (_saveFactor - 1));
        var first = ((window.StartMs + CheckpointIntervalMs - 1) / CheckpointIntervalMs) * CheckpointIntervalMs;
        var checkpoints = new List<long>();
        for (var t = first; t < window.EndMs; t += CheckpointIntervalMs)
        {
            checkpoints.Add(t);
        }

        // A fault shorter than the half-hour cadence may hold no scheduled save: the job's step-interval save (a second,
        // rarer trigger) then falls inside it, so the failure is still seen where it can only be seen, at a save.
        if (checkpoints.Count == 0)
        {
            checkpoints.Add(window.StartMs + ((window.EndMs - window.StartMs) / 4));
        }

        Checkpoints = checkpoints;
        _phases = [.. checkpoints.SelectMany(t => new[] { new RatePhase(t, 0), new RatePhase(Math.Min(t + StallMs, window.EndMs), 1) })];
        Affected = [Root, .. fleet.TrainingJobs.SelectMany(j => new[] { j.Id }.Concat(j.Ranks.Select(r => r.Id)).Concat(j.Pods.Select(p => p.Id)))];
    }

    /// <summary>The checkpoints written while the store resets connections (unix ms).</summary>
    public IReadOnlyList<long> Checkpoints { get; }

    /// <summary>How long each job's steps stop at each of those checkpoints.</summary>
    public long StallMs { get; }

    public override IReadOnlyList<EntityId> Affected { get; }

    public override string Description =>
        $"object store {ObjectStore} resets connections; checkpoint uploads of every training job retry and each save takes {_saveFactor:0.#}x longer";

    public override bool Affects(in SimulatedSeries series) => series.Kind.IsRank();

    public override double Apply(in SimulatedSeries series, in ConditionContext at, double value)
    {
        if (series.Kind == SignalKind.TrainSteps)
        {
            return Math.Floor(CounterPhases.Scale(in at, value, _phases, Window.EndMs));
        }

        if (series.Kind == SignalKind.TrainCheckpointSave)
        {
            // The gauge holds the last save's duration: long from a failing checkpoint until the next one.
            var now = at.TimestampMs;
            var latest = Math.Max(now / CheckpointIntervalMs * CheckpointIntervalMs, Checkpoints.Where(t => t <= now).DefaultIfEmpty(0).Max());
            return Checkpoints.Contains(latest) ? Math.Round(value * _saveFactor, 3) : value;
        }

        foreach (var t in Checkpoints)
        {
            if (at.TimestampMs >= t && at.TimestampMs < Math.Min(t + StallMs, Window.EndMs))
            {
                return TrainingEffects.Stall(in series, in at, new FaultWindow(t, Math.Min(t + StallMs, Window.EndMs)), value);
            }
        }

        return value;
    }

    public override IEnumerable<SimulatedLog> Logs(long fromMs, long toMs)
    {
        foreach (var checkpoint in Checkpoints)
        {
            var elapsed = 0L;
            for (var attempt = 1; attempt <= s_backoffMs.Length && checkpoint + elapsed < Math.Min(checkpoint + StallMs, Window.EndMs); attempt++)
            {
                var t = checkpoint + elapsed + 1_500;
                elapsed += s_backoffMs[attempt - 1];
                if (!Within(t, fromMs, toMs))
                {
                    continue;
                }

                foreach (var job in Fleet.TrainingJobs)
                {
                    for (var i = 0; i < job.Pods.Count; i++)
                    {
                        yield return TrainingLogs.Container(t, LogSeverity.Warn, job.Pods[i], string.Create(CultureInfo.InvariantCulture,
                            $"checkpoint upload s3://{ObjectStore}/{job.Name}/{checkpoint / 1000}/__{i}_0.distcp failed: ConnectionResetError(104, 'Connection reset by peer'); retry {attempt}/{s_backoffMs.Length} in {s_backoffMs[attempt - 1] / 1000} s"));
                    }
                }
            }

            var done = Math.Min(checkpoint + StallMs, Window.EndMs);
            if (Within(done, fromMs, toMs))
            {
                foreach (var job in Fleet.TrainingJobs)
                {
                    yield return TrainingLogs.Container(done, LogSeverity.Info, job.Pods[0], string.Create(CultureInfo.InvariantCulture,
                        $"saved checkpoint {checkpoint / 1000} to s3://{ObjectStore}/{job.Name} in {(done - checkpoint) / 1000.0:0.0} s after retries"));
                }
            }
        }
    }
}
