using DeepSeek.Observe.Simulation.Faults;
using DeepSeek.Observe.Simulation.Internal;
using static System.FormattableString;

namespace DeepSeek.Observe.Simulation.Logs;

/// <summary>
/// What a training pod prints: NCCL's set-up at start, rank 0's progress line every half minute and its checkpoints,
/// and now and then a harmless warning from PyTorch or NCCL. Progress figures are the job's metrics at that moment.
/// </summary>
public sealed partial class FleetLogGenerator
{
    private const long ProgressEveryMs = 30_000;
    private const long CheckpointEveryMs = 1_800_000;

    // A cosine learning-rate schedule over the job's planned steps, peaking at 3e-4 and ending at a tenth of that.
    private const double PeakLearningRate = 3e-4;
    private const double PlannedSteps = 500_000;

    private SimulatedLog TrainingLine(FleetPod pod, long timestampMs, ref LineDraws draws)
    {
        var local = draws.Int(0, pod.Gpus.Count);
        var rank = _firstRank[pod.Index] + local;
        var (level, body) = draws.Int(0, 20) switch
        {
            <= 5 => Info(Invariant($"[rank{rank}] dataloader: opened shard {draws.Int(0, 8192):D5}-of-08192 ({draws.Int(180, 260)}k sequences, prefetch 4)")),
            <= 10 => Info(Invariant($"[rank{rank}] cuda memory: allocated {draws.Int(58, 66)}.{draws.Int(0, 9)} GiB, reserved {draws.Int(68, 72)}.{draws.Int(0, 9)} GiB, peak {draws.Int(72, 76)}.{draws.Int(0, 9)} GiB")),
            <= 12 => (LogSeverity.Debug, Invariant($"[rank{rank}] grad scaler: no overflow in the last 2000 steps, loss scale stays {_profiles.Jobs[pod.TrainJob!.Index].LossScale:F0}")),
            13 => (LogSeverity.Warn, Invariant($"[rank{rank}] /usr/local/lib/python3.11/site-packages/torch/distributed/checkpoint/state_dict.py:812: FutureWarning: optimizer state keys will be fully qualified names in a future release; pass the model to keep today's layout")),
            14 => (LogSeverity.Warn, Invariant($"{pod.Name}:{draws.Int(40, 400)}:{draws.Int(400, 900)} [{local}] NCCL WARN NET/Plugin: no external network plugin found (libnccl-net.so), using the built-in IB transport")),
            _ => Info(Invariant($"[rank{rank}] heartbeat: alive, {draws.Int(2, 12)} dataloader workers busy, host memory {draws.Int(40, 70)}% used")),
        };
        return new SimulatedLog(timestampMs, LogSource.Container, level, pod.Node, pod, pod.Container, body);
    }

    /// <summary>NCCL's communicator set-up, once per rank, some seconds after the container starts.</summary>
    private void TrainingStartup(FleetPod pod, long startedMs, ref LineDraws draws, Action<SimulatedLog> add)
    {
        var job = pod.TrainJob!;
        var first = _firstRank[pod.Index];
        var pid = draws.Int(40, 400);
        var commId = draws.Hex(16);
        var t = startedMs + draws.Int(8_000, 20_000);
        SimulatedLog Line(long at, string body) => new(at, LogSource.Container, LogSeverity.Info, pod.Node, pod, pod.Container, body);
        if (first == 0)
        {
            add(Line(t, $"{pod.Name}:{pid}:{pid} [0] NCCL INFO NCCL version 2.21.5+cuda12.4"));
        }

        for (var local = 0; local < pod.Gpus.Count; local++)
        {
            var prefix = Invariant($"{pod.Name}:{pid + local}:{pid + local} [{local}] NCCL INFO");
            var rank = first + local;
            var bus = pod.Gpus[local].PciBusId[9..11].ToLowerInvariant();
            add(Line(t + (local * 7), $"{prefix} Bootstrap : Using eth0:{PodIp(pod)}<0>"));
            add(Line(t + 400 + (local * 7), Invariant($"{prefix} NET/IB : Using [0]mlx5_{local}:1/IB [1]mlx5_{(local + 1) % 8}:1/IB ; OOB eth0:{PodIp(pod)}<0>")));
            add(Line(t + 2_500 + (local * 11), Invariant($"{prefix} comm 0x{draws.Hex(10)} rank {rank} nranks {job.Ranks.Count} cudaDev {local} nvmlDev {local} busId {bus}000 commId 0x{commId} - Init COMPLETE")));
        }
    }

    /// <summary>Rank 0's progress line; a job that has not moved since the last one prints nothing (a hung job goes quiet).</summary>
    private void TrainingProgress(TrainingJob job, long fromMs, long toMs, List<SimulatedLog> lines)
    {
        var series = _rankZero[job.Index];
        var pod = job.Pods[0];
        var every = Math.Max(ProgressEveryMs, _time.StepMs);
        // The first line comes once NCCL is up and the first steps are done.
        var first = _time.StartMs + StartupMs + (long)(StableHash.Unit(StableHash.Combine(_seed, 0x9A06, (ulong)job.Index)) * every);
        foreach (var t in Every(first, every, fromMs, toMs))
        {
            var step = StepAt(t);
            var steps = _metrics.ValueAt(series.Steps, step);
            if (t - every >= _time.StartMs && _metrics.ValueAt(series.Steps, StepAt(t - every)) >= steps)
            {
                continue;
            }

            var loss = _metrics.ValueAt(series.Loss, step);
            var tokens = _metrics.ValueAt(series.TokensPerSecond, step) * job.Ranks.Count;
            var progress = Math.Clamp(steps / PlannedSteps, 0, 1);
            var learningRate = PeakLearningRate * (0.1 + (0.45 * (1 + Math.Cos(Math.PI * progress))));
            var body = Invariant(
                $"[rank0] step {steps:F0} | loss {Figure(loss, "F4")} | lr {learningRate:0.00e+00} | grad_norm {Figure(_metrics.ValueAt(series.GradNorm, step), "F3")} | tokens/s {tokens:F0} | step_time {_metrics.ValueAt(series.StepTime, step):F3}s");
            lines.Add(new SimulatedLog(t, LogSource.Container, LogSeverity.Info, pod.Node, pod, pod.Container, body));
        }
    }

    /// <summary>Rank 0 announces each checkpoint (every 30 minutes, as the metrics' save-time gauge) and its save time.</summary>
    private void Checkpoints(TrainingJob job, long fromMs, long toMs, List<SimulatedLog> lines)
    {
        var series = _rankZero[job.Index];
        var pod = job.Pods[0];
        // A save takes under a minute; starting a checkpoint period back finds saves that began before the range.
        for (var start = Math.Max(0, fromMs - 120_000) / CheckpointEveryMs * CheckpointEveryMs; start < toMs; start += CheckpointEveryMs)
        {
            if (start < _time.StartMs + StartupMs)
            {
                continue;
            }

            // The gauge shows the new save's duration from the first scrape at or after the checkpoint.
            var scrape = StepAt(start - 1) + (start > _time.StartMs ? 1 : 0);
            var steps = _metrics.ValueAt(series.Steps, scrape);
            var seconds = _metrics.ValueAt(series.CheckpointSave, scrape);
            var path = Invariant($"/checkpoints/{job.Name}/step_{steps:F0}");
            if (start >= fromMs && start < toMs)
            {
                lines.Add(new SimulatedLog(start, LogSource.Container, LogSeverity.Info, pod.Node, pod, pod.Container, $"[rank0] checkpoint: saving {path} ({job.Ranks.Count} shards)"));
            }

            var savedMs = start + (long)(seconds * 1000);
            if (savedMs >= fromMs && savedMs < toMs)
            {
                lines.Add(new SimulatedLog(savedMs, LogSource.Container, LogSeverity.Info, pod.Node, pod, pod.Container, Invariant($"[rank0] checkpoint: saved {path} in {seconds:F1}s")));
            }
        }
    }

    private static string Figure(double value, string format) =>
        double.IsNaN(value) ? "nan" : double.IsInfinity(value) ? (value > 0 ? "inf" : "-inf") : value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
