namespace DeepSeek.Observe.Simulation.Internal;

/// <summary>
/// Per-entity constants drawn once from the seed: what makes GPU 3 run a little hotter than GPU 4, one deployment
/// peak an hour later than another, one job step slower. Arrays are indexed like the fleet's lists.
/// </summary>
internal sealed class EntityProfiles
{
    public EntityProfiles(Fleet fleet)
    {
        var seed = fleet.Spec.Seed;
        Pods = new PodProfile[fleet.Pods.Count];
        foreach (var pod in fleet.Pods)
        {
            var key = StableHash.Combine(seed, 0x504F44, (ulong)pod.Index);
            if (pod.Deployment is { } deployment)
            {
                var deploymentKey = StableHash.Combine(seed, 0xDE9, (ulong)deployment.Index);
                // Traffic peaks mid-afternoon UTC ± 2 h per deployment; a pod sees 12–30 req/s at the daily mean.
                var peakHour = 14 + (4 * StableHash.Signed(deploymentKey));
                var qps = 12 + (18 * StableHash.Unit(StableHash.Mix(deploymentKey)));
                Pods[pod.Index] = new PodProfile(
                    key, DayWave.PeakingAt(0.6, 0.35, peakHour), qps,
                    // Short chat completions: a quiet median of 140–210 ms per deployment, replicas within a few per cent.
                    LatencyMedian: 0.14 + (0.07 * StableHash.Unit(deploymentKey ^ 0x1A7)) + (0.005 * StableHash.Signed(key)),
                    LatencySigma: LatencyModel.Sigma,
                    Quality: 0.86 + (0.04 * StableHash.Unit(deploymentKey ^ 0x9A1)),
                    WorkingSetBytes: 24.0 * (1L << 30));
            }
            else
            {
                Pods[pod.Index] = new PodProfile(
                    key, DayWave.Constant(0.92 + (0.03 * StableHash.Signed(key))), 0, 0, 0, 0,
                    WorkingSetBytes: (180.0 + (20 * StableHash.Unit(key))) * (1L << 30));
            }
        }

        Gpus = new GpuProfile[fleet.Gpus.Count];
        foreach (var gpu in fleet.Gpus)
        {
            var key = StableHash.Combine(seed, 0x475055, (ulong)gpu.Index);
            var training = gpu.Pod?.TrainJob is not null;
            // A GPU's load follows its pod: training runs flat out; serving follows traffic; idle GPUs do nothing.
            var load = gpu.Pod is { } pod
                ? training ? DayWave.Constant(Math.Min(0.99, Pods[pod.Index].Load.Mean + (0.02 * StableHash.Signed(key ^ 0x10AD)))) : Pods[pod.Index].Load.Scale(0.85)
                : DayWave.Constant(0);
            Gpus[gpu.Index] = new GpuProfile(
                key, load,
                TempOffset: 3 * StableHash.Signed(key ^ 0x7E),
                WattsAtFullLoad: 600 + (40 * StableHash.Signed(key ^ 0xA77)),
                FbBaseMiB: gpu.Pod is null ? 0 : training ? 68_000 + (2_000 * StableHash.Unit(key ^ 0xFB)) : 42_000,
                FbPerLoadMiB: training ? 0 : 24_000,
                NvlinkBytesPerSecond: training ? 120e9 : 2e9,
                LifetimeEnergyMj: 1e12 * (1 + StableHash.Unit(key ^ 0xE9)));
        }

        Jobs = new JobProfile[fleet.TrainingJobs.Count];
        foreach (var job in fleet.TrainingJobs)
        {
            var key = StableHash.Combine(seed, 0x4A4F42, (ulong)job.Index);
            Jobs[job.Index] = new JobProfile(
                key,
                StepSeconds: 0.8 + (1.2 * StableHash.Unit(key)),
                FirstStep: 1000 + (long)(49_000 * StableHash.Unit(StableHash.Mix(key))),
                // fp16 jobs with dynamic loss scaling settle around 2^15–2^16.
                LossScale: StableHash.Unit(key ^ 0x15) < 0.5 ? 32768 : 65536);
        }

        Ranks = new RankProfile[fleet.Ranks.Count];
        foreach (var rank in fleet.Ranks)
        {
            var key = StableHash.Combine(seed, 0x52414E4B, (ulong)rank.Index);
            Ranks[rank.Index] = new RankProfile(key, rank.Job.Index, Speed: 1 + (0.01 * StableHash.Signed(key)));
        }
    }

    public PodProfile[] Pods { get; }

    public GpuProfile[] Gpus { get; }

    public JobProfile[] Jobs { get; }

    public RankProfile[] Ranks { get; }
}

internal readonly record struct PodProfile(
    ulong Key, DayWave Load, double PeakQps, double LatencyMedian, double LatencySigma, double Quality, double WorkingSetBytes);

internal readonly record struct GpuProfile(
    ulong Key, DayWave Load, double TempOffset, double WattsAtFullLoad, double FbBaseMiB, double FbPerLoadMiB, double NvlinkBytesPerSecond, double LifetimeEnergyMj);

internal readonly record struct JobProfile(ulong Key, double StepSeconds, long FirstStep, double LossScale);

internal readonly record struct RankProfile(ulong Key, int Job, double Speed);
