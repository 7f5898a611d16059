using DeepSeek.Observe.Core;

namespace DeepSeek.Observe.Simulation.Faults;

/// <summary>
/// How trouble on a few ranks spreads through a synchronous data-parallel job: every rank waits for the slowest at each
/// collective, so the whole job slows (or stops) together. What differs between ranks is the evidence: the slow ranks
/// spend their time computing, the healthy ones wait in collectives.
/// </summary>
public static class TrainingEffects
{
    // Share of a healthy step spent computing (the rest is communication not hidden behind it).
    private const double ComputeShare = 0.85;

    /// <summary>Whether <paramref name="series"/> is a framework metric of one of <paramref name="job"/>'s ranks.</summary>
    public static bool IsRankOf(in SimulatedSeries series, Fleet fleet, TrainingJob job) =>
        series.Kind.IsRank() && fleet.Ranks[series.Entity].Job == job;

    /// <summary>
    /// The job runs <paramref name="factor"/> × slower while active because the ranks <paramref name="isSlow"/> picks
    /// compute slower (<paramref name="collectivesSlow"/>: because its collectives are slower, so every rank's collective
    /// time grows instead). Returns <paramref name="value"/> for other series.
    /// </summary>
    public static double Slowdown(in SimulatedSeries series, in ConditionContext at, FaultWindow window, double value, double factor, Func<TrainingRank, bool> isSlow, Fleet fleet, bool collectivesSlow = false)
    {
        if (!series.Kind.IsRank())
        {
            return value;
        }

        if (series.Kind == SignalKind.TrainSteps)
        {
            return Math.Floor(CounterEffects.ScaleRate(in at, window, value, 1 / factor));
        }

        if (!window.Contains(at.TimestampMs))
        {
            return value;
        }

        var slow = isSlow(fleet.Ranks[series.Entity]);
        return series.Kind switch
        {
            SignalKind.TrainStepTime => Math.Round(value * factor, 4),
            SignalKind.TrainTokensPerSecond => Math.Round(value / factor, 1),
            // Collective time is a share of the step: value / 0.15 recovers the healthy step time.
            SignalKind.TrainCollectiveTime => collectivesSlow || !slow
                ? Math.Round(value + ((factor - 1) * (collectivesSlow ? 1 : ComputeShare) * value / 0.15), 4)
                : value,
            _ => value,
        };
    }

    /// <summary>
    /// The job makes no progress while active (a rank died or hangs in a collective): the step counter freezes, throughput
    /// is 0, and the last step's time and collective time stay what they were when it stopped.
    /// </summary>
    public static double Stall(in SimulatedSeries series, in ConditionContext at, FaultWindow window, double value)
    {
        if (!series.Kind.IsRank())
        {
            return value;
        }

        if (series.Kind == SignalKind.TrainSteps)
        {
            return Math.Floor(CounterEffects.ScaleRate(in at, window, value, 0));
        }

        if (!window.Contains(at.TimestampMs))
        {
            return value;
        }

        return series.Kind switch
        {
            SignalKind.TrainTokensPerSecond => 0,
            SignalKind.TrainStepTime or SignalKind.TrainCollectiveTime or SignalKind.TrainLoss or SignalKind.TrainGradNorm
                => at.HealthyAt(Math.Max(0, at.StepAt(window.StartMs))),
            _ => value,
        };
    }

    /// <summary>The entities a job-wide effect touches: the job, every rank, pod and GPU.</summary>
    public static IEnumerable<EntityId> JobEntities(TrainingJob job) =>
        new[] { job.Id }.Concat(job.Ranks.Select(r => r.Id)).Concat(job.Pods.Select(p => p.Id)).Concat(job.Ranks.Select(r => r.Gpu.Id));
}
