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

    private double Inference(in SimulatedSeries series, double parameter, in StepContext at)
    {
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
                var requests = Counter(0, pod.Load.Scale(pod.PeakQps), pod.Key, at);
                return series.Kind switch
                {
                    SignalKind.InferenceRequests or SignalKind.InferenceLatencyBucket => Math.Floor(requests * parameter),
                    SignalKind.InferenceLatencyCount => Math.Floor(requests),
                    SignalKind.InferenceLatencySum => Math.Round(requests * pod.LatencyMedian * Math.Exp(pod.LatencySigma * pod.LatencySigma / 2), 3),
                    _ => throw new InvalidOperationException($"no model for {series.Kind}"),
                };
        }
    }

    /// <summary>Share of a log-normal latency at or under <paramref name="bound"/> (fixed per pod, so buckets stay cumulative).</summary>
    private static double LatencyShare(PodProfile pod, double bound) =>
        double.IsPositiveInfinity(bound) ? 1 : NormalCdf((Math.Log(bound) - Math.Log(pod.LatencyMedian)) / pod.LatencySigma);

    // Φ(x) via erf, Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7), monotonic in x.
    private static double NormalCdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + (0.3275911 * z));
        var poly = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        var erf = 1 - (poly * Math.Exp(-z * z));
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
