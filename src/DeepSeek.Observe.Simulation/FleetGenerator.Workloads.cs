using DeepSeek.Observe.Simulation.Internal;

namespace DeepSeek.Observe.Simulation;

/// <summary>Training ranks and inference pods: the framework and business layers.</summary>
public sealed partial class FleetGenerator
{
    private double Training(in SimulatedSeries series, in StepContext at)
    {
        var rank = _profiles.Ranks[series.Entity];
        var job = _profiles.Jobs[rank.Job];
        // The job steps in lock-step: every rank reports the same global step, the slowest rank sets the pace.
        var globalStep = job.FirstStep + Math.Floor((at.Seconds - at.StartSeconds) / job.StepSeconds);
        var stepTime = job.StepSeconds * rank.Speed * (1 + (0.02 * StableHash.Noise(rank.Key, at.Step)));
        return series.Kind switch
        {
            SignalKind.TrainStepTime => Math.Round(stepTime, 4),
            SignalKind.TrainSteps => globalStep,
            // A power-law loss curve (Kaplan et al. 2020 shape) with per-rank batch noise.
            SignalKind.TrainLoss => Math.Round(1.7 + (5.5 * Math.Pow(1 + (globalStep / 3000), -0.4)) + (0.03 * Noise(series, at)), 5),
            SignalKind.TrainGradNorm => Math.Round(0.25 + (1.5 * Math.Pow(1 + (globalStep / 1000), -0.5)) + (0.05 * Noise(series, at)), 5),
            SignalKind.TrainLossScale => job.LossScale,
            SignalKind.TrainTokensPerSecond => Math.Round(TokensPerRankStep / stepTime, 1),
            SignalKind.TrainCollectiveTime => Math.Round(0.15 * stepTime * (1 + (0.05 * Noise(series, at))), 4),
            SignalKind.TrainCheckpointSave => CheckpointSeconds(job, rank, at),
            SignalKind.TrainDataLoaderWait => Math.Round(0.004 + (0.003 * StableHash.Unit(StableHash.Combine(series.Key, (ulong)at.Step))), 5),
            _ => throw new InvalidOperationException($"no model for {series.Kind}"),
        };
    }

    // Changes only when a new checkpoint is written; all ranks of a job write at the same moment, each at its own speed.
    private static double CheckpointSeconds(JobProfile job, RankProfile rank, in StepContext at)
    {
        var checkpoint = (ulong)Math.Floor(at.Seconds / CheckpointIntervalSeconds);
        return Math.Round(35 + (10 * StableHash.Unit(StableHash.Combine(job.Key, checkpoint))) + (2 * StableHash.Unit(StableHash.Combine(rank.Key, checkpoint))), 3);
    }

    private double Inference(int index, in StepContext at)
    {
        ref readonly var series = ref _series[index];
        var pod = _profiles.Pods[series.Entity];
        switch (series.Kind)
        {
            case SignalKind.InferenceQueueDepth:
                return Math.Max(0, Math.Round((6 * pod.Load.Value(at.Seconds)) + (2 * Noise(series, at))));
            case SignalKind.InferenceQuality:
                return Math.Round(pod.Quality + (0.004 * Noise(series, at)), 5);
            default:
                // Every counter of a pod comes from one request count (keyed by the pod, not the series), so the
                // histogram's buckets, _count and _sum agree with each other at every step.
                var served = Served(pod, in at);
                return series.Kind switch
                {
                    SignalKind.InferenceRequests => Math.Floor(served.Total * _parameters[index]),
                    SignalKind.InferenceLatencyBucket => Math.Floor((served.Quiet * _parameters[index]) + (served.Busy * _busyShares[index])),
                    SignalKind.InferenceLatencyCount => Math.Floor(served.Total),
                    SignalKind.InferenceLatencySum => Math.Round(
                        (served.Quiet * LatencyModel.Mean(pod.LatencyMedian, pod.LatencySigma)) + (served.Busy * LatencyModel.Mean(pod.LatencyMedian * LatencyModel.BusySlowdown, pod.LatencySigma)), 3),
                    _ => throw new InvalidOperationException($"no model for {series.Kind}"),
                };
        }
    }

    /// <summary>
    /// A pod's requests since the start, unrounded, split by whether they landed in a busy batch (see
    /// <see cref="LatencyModel"/>). The busy part has no noise of its own, so the quiet part keeps the count's.
    /// </summary>
    private static ServedRequests Served(PodProfile pod, in StepContext at)
    {
        var total = Counter(0, pod.Load.Scale(pod.PeakQps), pod.Key, at);
        var busy = LatencyModel.BusyRequests(pod.Load, pod.PeakQps, at.StartSeconds, at.Seconds);
        return new ServedRequests(total - busy, busy);
    }
}
